// {"type":"ByteLevel"} normalizer (HF 0.20+): every UTF-8 byte becomes its GPT-2 alphabet char.
#pragma once
#include "tokenizer/normalizers/normalizer.h"

namespace embedkit::tok {

class ByteLevelNormalizer final : public Normalizer {
 public:
  void normalize(NormalizedText& text, NormalizedText& scratch) const override;
};

}  // namespace embedkit::tok
