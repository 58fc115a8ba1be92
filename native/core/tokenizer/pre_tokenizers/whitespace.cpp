#include "tokenizer/pre_tokenizers/whitespace.h"

#include "text/unicode.h"

namespace embedkit::tok {

void WhitespacePreTokenizer::pre_tokenize(NormalizedText& nt, const std::vector<Piece>& in, std::vector<Piece>& out) const {
  const std::string& s = nt.text;
  enum Class { kSpace, kWord, kOther };
  for (const Piece& piece : in) {
    size_t i = piece.begin;
    uint32_t run = piece.begin;
    Class current = kSpace;
    while (i < piece.end) {
      const size_t start = i;
      const uint32_t cp = text::decode_utf8(s, i);
      const Class c = text::is_word_char(cp) ? kWord : text::is_whitespace(cp) ? kSpace : kOther;
      if (c != current) {
        if (current != kSpace && run < start) out.push_back({run, static_cast<uint32_t>(start)});
        run = static_cast<uint32_t>(start);
        current = c;
      }
    }
    if (current != kSpace && run < piece.end) out.push_back({run, piece.end});
  }
}

void WhitespaceSplitPreTokenizer::pre_tokenize(NormalizedText& nt, const std::vector<Piece>& in,
                                               std::vector<Piece>& out) const {
  for (const Piece& piece : in)
    split_on_chars(nt.text, piece, [](uint32_t cp) { return text::is_whitespace(cp); }, SplitBehavior::Removed, out);
}

}  // namespace embedkit::tok
