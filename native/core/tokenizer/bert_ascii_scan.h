// The one ASCII scanner of BertNormalizer + BertPreTokenizer, shared by the ids-only path (pipeline.cpp)
// and the fused full-encoding path (pipeline_fused.cpp), which differ only in what they do with a word.
// For ASCII, BertNormalizer is char-local (clean_text deletes or maps to ' ', lowercase is a table, no
// accents, no CJK) and BertPreTokenizer splits at whitespace and isolates punctuation, so one pass can
// build each word and hand it to WordPiece. Non-ASCII is never touched here: the word holding it, up to
// the next ASCII whitespace (where HF's pipeline has a clean split and NFD nothing pending), is handed
// back as a chunk for the general path, which gives the same tokens as running it on the whole text.
// A word that reaches kBertAsciiWordMax bytes goes the same way.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "text/unicode.h"
#include "tokenizer/models/wordpiece.h"

namespace embedkit::tok {

// Longer ASCII words take the general path (WordPiece's own limit is 100 chars, so this never decides
// an id; it bounds the word buffers).
constexpr size_t kBertAsciiWordMax = 128;

// Scans `gap` (a text, or a gap between raw added tokens) and calls, in text order:
//   word(std::string_view w, const uint32_t* from): a normalized word, or one punctuation char. w.data()
//     has WordPiece::kReadPast readable bytes after the word (tokenize_ids_padded and tokenize_into
//     need them). With Spans, from[k] is the offset in `gap` of the byte that became w[k] (clean_text
//     may delete bytes inside a word, so a piece's span is its first byte's offset to one past its
//     last's); without, `from` is not filled (no store per byte on the ids path).
//   chunk(size_t begin, size_t end): gap[begin, end) goes through the general path.
// Each returns whether to go on: false stops the scan at once (the caller's limit is reached). The
// answer of the last word, after the loop, is not looked at; the caller sees its own state.
// Templated on the callbacks, not virtual: the per-word call is inlined in both paths.
template <bool Spans, class Word, class Chunk>
inline void scan_bert_ascii(std::string_view gap, bool clean, bool lower, Word&& word_fn, Chunk&& chunk_fn) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(gap.data());
  const size_t n = gap.size();
  char word[kBertAsciiWordMax + WordPiece::kReadPast] = {};
  uint32_t from[Spans ? kBertAsciiWordMax : 1];
  size_t wl = 0;      // bytes in `word`
  size_t wstart = 0;  // where the word being built starts in `gap`
  size_t i = 0;
  while (i < n) {
    const uint8_t b = p[i];
    if (b >= 0x80 || wl == kBertAsciiWordMax) {
      size_t e = i;
      while (e < n && !(p[e] < 0x80 && (text::ascii_flags[p[e]] & text::kWhitespace))) e++;
      if (!chunk_fn(wstart, e)) return;
      wl = 0;
      i = wstart = e;
      continue;
    }
    const uint16_t f = text::ascii_flags[b];
    if (f & (text::kWhitespace | text::kPunctuation | text::kCleanRemoved)) {
      if (clean && (f & text::kCleanRemoved)) {  // deleted: the word goes on across it
        i++;
        continue;
      }
      if (f & (text::kWhitespace | text::kPunctuation)) {
        if (wl) {
          const bool go_on = word_fn(std::string_view(word, wl), static_cast<const uint32_t*>(from));
          wl = 0;
          if (!go_on) return;
        }
        if (f & text::kPunctuation) {
          // Its own word, in word[0] (the bytes after it are stale but readable, all WordPiece asks).
          word[0] = static_cast<char>(lower ? text::ascii_lower[b] : b);
          if constexpr (Spans) from[0] = static_cast<uint32_t>(i);
          if (!word_fn(std::string_view(word, 1), static_cast<const uint32_t*>(from))) return;
        }
        i++;
        wstart = i;
        continue;
      }
    }
    if constexpr (Spans) from[wl] = static_cast<uint32_t>(i);
    word[wl++] = static_cast<char>(lower ? text::ascii_lower[b] : b);
    i++;
  }
  if (wl) word_fn(std::string_view(word, wl), static_cast<const uint32_t*>(from));
}

}  // namespace embedkit::tok
