// {"type":"Prepend","prepend":s}: puts `s` in front of a non-empty text (once per piece between added
// tokens). The inserted chars take the source range of the text's first char, as in HF.
#pragma once
#include <string>

#include "tokenizer/normalizers/normalizer.h"

namespace embedkit::tok {

class PrependNormalizer final : public Normalizer {
 public:
  explicit PrependNormalizer(std::string prepend) : prepend_(std::move(prepend)) {}
  void normalize(NormalizedText& text, NormalizedText& scratch) const override;

 private:
  std::string prepend_;
};

}  // namespace embedkit::tok
