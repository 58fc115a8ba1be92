#include "tokenizer/normalizers/strip.h"

#include "text/unicode.h"

namespace embedkit::tok {

void StripNormalizer::normalize(NormalizedText& text, NormalizedText& /*scratch*/) const {
  const std::string& s = text.text;
  size_t begin = 0, end = s.size();
  if (left_) {
    while (begin < end) {
      size_t next = begin;
      if (!text::is_whitespace(text::decode_utf8(s, next))) break;
      begin = next;
    }
  }
  if (right_) {
    while (end > begin) {
      size_t start = end - 1;
      while (start > begin && (static_cast<uint8_t>(s[start]) & 0xC0) == 0x80) start--;
      size_t next = start;
      if (!text::is_whitespace(text::decode_utf8(s, next))) break;
      end = start;
    }
  }
  if (begin == 0 && end == s.size()) return;
  text.text = s.substr(begin, end - begin);
  if (text.tracking) text.align = std::vector<Span>(text.align.begin() + begin, text.align.begin() + end);
}

}  // namespace embedkit::tok
