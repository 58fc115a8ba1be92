#include "tokenizer/normalizers/bert_normalizer.h"

#include "text/unicode.h"
#include "tokenizer/normalizers/nfd.h"

namespace embedkit::tok {

using text::ascii_flags;
using text::ascii_lower;
using text::char_flags;

void BertNormalizer::normalize(NormalizedText& text, NormalizedText& scratch) const {
  if (text.tracking) run<true>(text, scratch);
  else run<false>(text, scratch);
  std::swap(text, scratch);
}

template <bool Track>
void BertNormalizer::run(const NormalizedText& in, NormalizedText& out) const {
  out.clear(Track);
  out.text.reserve(in.text.size() + 8);
  if (Track) out.align.reserve(in.text.size() + 8);

  // Last stage: drop old Mn (when stripping), lowercase, append.
  auto finish = [&](uint32_t cp, Span span) {
    if (cp < 0x80) {
      out.text.push_back(static_cast<char>(lowercase_ ? ascii_lower[cp] : cp));
      if (Track) out.align.push_back(span);
      return;
    }
    const uint16_t f = char_flags(cp);
    if (strip_accents_ && (f & text::kNonspacingMark)) return;
    if (lowercase_ && (f & text::kHasLowercase)) {
      uint32_t lower[3];
      const size_t n = text::to_lowercase(cp, lower);
      for (size_t k = 0; k < n; k++) out.push(lower[k], span);
      return;
    }
    out.push(cp, span);
  };
  thread_local NfdStream nfd;
  // Middle stage: accent stripping decomposes first.
  auto decompose = [&](uint32_t cp, Span span) {
    if (strip_accents_) nfd.push(cp, span, finish);
    else finish(cp, span);
  };

  const std::string& s = in.text;
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    const uint8_t b = static_cast<uint8_t>(s[i]);
    if (b < 0x80) {
      // ASCII: no decomposition, no marks, table lookups only.
      const uint16_t f = ascii_flags[b];
      uint8_t c = b;
      if (clean_text_) {
        if (f & text::kCleanRemoved) {
          i++;
          continue;
        }
        if (f & text::kWhitespace) c = ' ';
      }
      if (!nfd.idle()) nfd.flush(finish);
      out.text.push_back(static_cast<char>(lowercase_ ? ascii_lower[c] : c));
      if (Track) out.align.push_back(in.align[i]);
      i++;
      continue;
    }
    const Span span = Track ? in.align[i] : Span{0, 0};
    uint32_t cp = text::decode_utf8(s, i);
    const uint16_t f = char_flags(cp);
    if (clean_text_) {
      if (f & text::kCleanRemoved) continue;
      if (f & text::kWhitespace) cp = ' ';
    }
    if (handle_chinese_ && (f & text::kChinese)) {
      decompose(' ', span);
      decompose(cp, span);
      decompose(' ', span);
    } else {
      decompose(cp, span);
    }
  }
  nfd.flush(finish);
}

}  // namespace embedkit::tok
