// {"type":"Nmt"} (HF normalizers/unicode.rs): deletes U+0001-0008, 000B, 000E-001F, 007F, 008F, 009F
// and turns 0009, 000A, 000C, 000D, 1680, 200B-200F, 2028, 2029, 2581, FEFF, FFFD into a space.
#pragma once
#include "tokenizer/normalizers/normalizer.h"

namespace embedkit::tok {

class NmtNormalizer final : public Normalizer {
 public:
  void normalize(NormalizedText& text, NormalizedText& scratch) const override;
};

}  // namespace embedkit::tok
