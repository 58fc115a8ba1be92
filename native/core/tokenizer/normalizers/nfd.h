// NFD (canonical decomposition + canonical ordering, Unicode 9 as HF's unicode-normalization-alignments)
// as a stream, so that other normalizers (BertNormalizer's accent stripping) can run it in one pass.
#pragma once
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "text/unicode.h"
#include "tokenizer/normalizers/normalizer.h"

namespace embedkit::tok {

class NfdStream {
 public:
  // Feeds one char; sink(cp, span) receives the decomposed chars in canonical order. Marks are held back
  // until the next starter (or flush) so that a run of them can be reordered.
  template <class Sink>
  void push(uint32_t cp, Span span, Sink&& sink) {
    if (cp < 0xC0) {  // nothing below U+00C0 decomposes or has a combining class
      flush(sink);
      sink(cp, span);
      return;
    }
    uint32_t parts[16];
    const size_t n = std::min<size_t>(text::canonical_decomposition(cp, parts, 16), 16);
    for (size_t k = 0; k < n; k++) {
      const uint8_t ccc = text::combining_class(parts[k]);
      if (ccc == 0) {
        flush(sink);
        sink(parts[k], span);
      } else {
        pending_.push_back({parts[k], span, ccc});
      }
    }
  }

  template <class Sink>
  void flush(Sink&& sink) {
    if (pending_.empty()) return;
    std::stable_sort(pending_.begin(), pending_.end(), [](const Mark& a, const Mark& b) { return a.ccc < b.ccc; });
    for (const Mark& m : pending_) sink(m.cp, m.span);
    pending_.clear();
  }

  bool idle() const noexcept { return pending_.empty(); }

 private:
  struct Mark {
    uint32_t cp;
    Span span;
    uint8_t ccc;
  };
  std::vector<Mark> pending_;
};

// {"type":"NFD"}
class NfdNormalizer final : public Normalizer {
 public:
  void normalize(NormalizedText& text, NormalizedText& scratch) const override;
};

}  // namespace embedkit::tok
