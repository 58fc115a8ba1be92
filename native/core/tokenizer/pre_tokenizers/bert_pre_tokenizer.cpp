#include "tokenizer/pre_tokenizers/bert_pre_tokenizer.h"

#include "text/unicode.h"

namespace embedkit::tok {

void BertPreTokenizer::pre_tokenize(NormalizedText& nt, const std::vector<Piece>& in, std::vector<Piece>& out) const {
  const std::string& s = nt.text;
  for (const Piece& piece : in) {
    uint32_t word = piece.begin;  // start of the word being built
    size_t i = piece.begin;
    while (i < piece.end) {
      const uint8_t b = static_cast<uint8_t>(s[i]);
      uint16_t flags;
      const size_t start = i;
      if (b < 0x80) {
        flags = text::ascii_flags[b];
        i++;
      } else {
        flags = text::char_flags(text::decode_utf8(s, i));
      }
      if (flags & (text::kWhitespace | text::kPunctuation)) {
        if (word < start) out.push_back({word, static_cast<uint32_t>(start)});
        if (flags & text::kPunctuation) out.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i)});
        word = static_cast<uint32_t>(i);
      }
    }
    if (word < piece.end) out.push_back({word, piece.end});
  }
}

}  // namespace embedkit::tok
