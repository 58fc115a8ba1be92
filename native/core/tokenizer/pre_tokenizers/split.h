// {"type":"Split","pattern":{"String":s}|{"Regex":r},"behavior":B,"invert":bool}: splits each piece on
// the pattern's matches (a String is a literal) with the given delimiter behaviour.
#pragma once
#include <memory>

#include "text/regex.h"
#include "tokenizer/pre_tokenizers/pre_tokenizer.h"

namespace embedkit::tok {

class SplitPreTokenizer final : public PreTokenizer {
 public:
  SplitPreTokenizer(std::shared_ptr<const text::Regex> regex, SplitBehavior behavior, bool invert)
      : regex_(std::move(regex)), behavior_(behavior), invert_(invert) {}
  void pre_tokenize(NormalizedText& text, const std::vector<Piece>& in, std::vector<Piece>& out) const override;

 private:
  std::shared_ptr<const text::Regex> regex_;
  SplitBehavior behavior_;
  bool invert_;
};

}  // namespace embedkit::tok
