// {"type":"Lowercase"}: Rust char::to_lowercase per char (no final sigma; U+0130 becomes "i\u0307").
#pragma once
#include "tokenizer/normalizers/normalizer.h"

namespace embedkit::tok {

class LowercaseNormalizer final : public Normalizer {
 public:
  void normalize(NormalizedText& text, NormalizedText& scratch) const override;
};

}  // namespace embedkit::tok
