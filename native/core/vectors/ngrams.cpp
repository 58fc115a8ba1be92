#include "vectors/ngrams.h"

#include "text/utf8.h"

namespace embedkit::vectors {

BracketedWord::BracketedWord(std::string_view bow, std::string_view word, std::string_view eow) {
  bytes.reserve(bow.size() + word.size() + eow.size());
  bytes.append(bow).append(word).append(eow);
  // Callers pass valid UTF-8 (the binding checks JS input; readers check file strings).
  size_t pos = 0;
  std::string_view s(bytes);
  while (pos < s.size()) {
    offsets.push_back(pos);
    if (text::valid_utf8_sequence_length(s, pos) == 0) {
      chars.push_back(0xFFFD);  // defensive: an ill-formed byte counts as one char
      pos++;
    } else {
      chars.push_back(text::decode_utf8(s, pos));
    }
  }
  offsets.push_back(s.size());
}

void bracketed_code_points(std::string_view word, std::vector<uint32_t>& out) {
  out.resize(word.size() + 2);  // at most one code point per byte
  size_t n = 0;
  out[n++] = '<';
  size_t pos = 0;
  while (pos < word.size()) {
    const auto b = static_cast<unsigned char>(word[pos]);
    if (b < 0x80) {
      out[n++] = b;
      pos++;
    } else if (text::valid_utf8_sequence_length(word, pos) == 0) {
      out[n++] = 0xFFFD;  // as BracketedWord: an ill-formed byte counts as one char
      pos++;
    } else {
      out[n++] = text::decode_utf8(word, pos);
    }
  }
  out[n++] = '>';
  out.resize(n);
}

}  // namespace embedkit::vectors
