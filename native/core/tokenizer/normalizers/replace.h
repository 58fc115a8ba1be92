// {"type":"Replace","pattern":{"String":s}|{"Regex":r},"content":c}: every match becomes `content`.
// The new chars take the source range of the match's last char (of the char before an empty match),
// as HF's NormalizedString::replace aligns them.
#pragma once
#include <memory>
#include <string>

#include "text/regex.h"
#include "tokenizer/normalizers/normalizer.h"

namespace embedkit::tok {

class ReplaceNormalizer final : public Normalizer {
 public:
  ReplaceNormalizer(std::shared_ptr<const text::Regex> regex, std::string content)
      : regex_(std::move(regex)), content_(std::move(content)) {}
  void normalize(NormalizedText& text, NormalizedText& scratch) const override;
  // The same on a plain string (the Replace decoder).
  std::string apply(std::string_view s) const;

 private:
  std::shared_ptr<const text::Regex> regex_;
  std::string content_;
};

}  // namespace embedkit::tok
