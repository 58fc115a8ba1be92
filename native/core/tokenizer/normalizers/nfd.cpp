#include "tokenizer/normalizers/nfd.h"

namespace embedkit::tok {

void NfdNormalizer::normalize(NormalizedText& text, NormalizedText& scratch) const {
  scratch.clear(text.tracking);
  scratch.text.reserve(text.text.size() + 8);
  NfdStream nfd;
  auto emit = [&](uint32_t cp, Span s) { scratch.push(cp, s); };
  for_each_char(text, [&](uint32_t cp, Span s) { nfd.push(cp, s, emit); });
  nfd.flush(emit);
  std::swap(text, scratch);
}

}  // namespace embedkit::tok
