#include "tokenizer/normalizers/nmt.h"

namespace embedkit::tok {

namespace {

bool removed(uint32_t c) {
  return (c >= 0x1 && c <= 0x8) || c == 0xB || (c >= 0xE && c <= 0x1F) || c == 0x7F || c == 0x8F || c == 0x9F;
}

bool to_space(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xC || c == 0xD || c == 0x1680 || (c >= 0x200B && c <= 0x200F) || c == 0x2028 ||
         c == 0x2029 || c == 0x2581 || c == 0xFEFF || c == 0xFFFD;
}

}  // namespace

void NmtNormalizer::normalize(NormalizedText& text, NormalizedText& scratch) const {
  scratch.clear(text.tracking);
  scratch.text.reserve(text.text.size());
  for_each_char(text, [&](uint32_t cp, Span s) {
    if (removed(cp)) return;
    scratch.push(to_space(cp) ? 0x20 : cp, s);
  });
  std::swap(text, scratch);
}

}  // namespace embedkit::tok
