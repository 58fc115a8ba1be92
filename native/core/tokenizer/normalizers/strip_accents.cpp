#include "tokenizer/normalizers/strip_accents.h"

#include "text/unicode.h"

namespace embedkit::tok {

void StripAccentsNormalizer::normalize(NormalizedText& text, NormalizedText& scratch) const {
  scratch.clear(text.tracking);
  scratch.text.reserve(text.text.size());
  for_each_char(text, [&](uint32_t cp, Span s) {
    if (!(text::char_flags(cp) & text::kCombiningMark)) scratch.push(cp, s);
  });
  std::swap(text, scratch);
}

}  // namespace embedkit::tok
