#include "tokenizer/normalizers/positional.h"

#include <string>

namespace embedkit::tok {

void apply_positional(const NormalizedText& in, const std::vector<CharChange>& chars, NormalizedText& out) {
  out.clear(in.tracking);
  out.text.reserve(in.text.size() + 8);
  if (!in.tracking) {
    for (const CharChange& c : chars) out.push(c.cp, Span{0, 0});
    return;
  }
  // The source range of every input char, in order.
  thread_local std::vector<Span> spans;
  spans.clear();
  for (size_t i = 0; i < in.text.size();) {
    spans.push_back(in.align[i]);
    i += utf8_sequence_length(static_cast<uint8_t>(in.text[i]));
  }
  const Span none = spans.empty() ? Span{0, 0} : Span{spans[0].start, spans[0].start};
  size_t at = 0;
  for (const CharChange& c : chars) {
    Span s;
    if (c.change > 0) {
      s = at > 0 && at - 1 < spans.size() ? spans[at - 1] : none;
    } else {
      s = at < spans.size() ? spans[at] : (spans.empty() ? none : spans.back());
      at += 1 + static_cast<size_t>(-c.change);
    }
    out.push(c.cp, s);
  }
}

}  // namespace embedkit::tok
