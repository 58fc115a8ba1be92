#include "tokenizer/normalizers/byte_level.h"

#include "tokenizer/pre_tokenizers/byte_level.h"

namespace embedkit::tok {

void ByteLevelNormalizer::normalize(NormalizedText& text, NormalizedText& scratch) const {
  scratch.clear(text.tracking);
  append_byte_level(text, 0, text.text.size(), scratch);
  std::swap(text.text, scratch.text);
  std::swap(text.align, scratch.align);
}

}  // namespace embedkit::tok
