#include "tokenizer/normalizers/lowercase.h"

#include "text/unicode.h"

namespace embedkit::tok {

void LowercaseNormalizer::normalize(NormalizedText& text, NormalizedText& scratch) const {
  scratch.clear(text.tracking);
  scratch.text.reserve(text.text.size() + 8);
  for_each_char(text, [&](uint32_t cp, Span s) {
    uint32_t lower[3];
    const size_t n = text::to_lowercase(cp, lower);
    for (size_t k = 0; k < n; k++) scratch.push(lower[k], s);
  });
  std::swap(text, scratch);
}

}  // namespace embedkit::tok
