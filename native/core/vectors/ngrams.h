// Character n-grams of a bracketed word (bow + word + eow), as finalfusion and fastText take them:
// over Unicode scalar values, lengths min_n..max_n inclusive, every start; the whole bracketed word is
// one of them when it is short enough. Duplicates are kept (they count again in sums).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace embedkit::vectors {

// A bracketed word split into code points, with each code point's byte offset (plus one final offset),
// so hashers can use either the chars (finalfusion) or the UTF-8 bytes (fastText, floret).
struct BracketedWord {
  std::string bytes;
  std::vector<uint32_t> chars;
  std::vector<size_t> offsets;  // offsets[i] = byte start of chars[i]; offsets[chars.size()] = bytes.size()

  BracketedWord(std::string_view bow, std::string_view word, std::string_view eow);
  std::string_view ngram_bytes(size_t start, size_t len) const {
    return std::string_view(bytes).substr(offsets[start], offsets[start + len] - offsets[start]);
  }
};

// out = the code points of "<" + word + ">" (what BracketedWord("<", word, ">").chars holds), into a
// caller's reused buffer.
void bracketed_code_points(std::string_view word, std::vector<uint32_t>& out);

// Calls f(start, len) for every n-gram; nothing when the word has fewer than min_n chars.
template <typename F>
void for_each_ngram(const BracketedWord& w, uint32_t min_n, uint32_t max_n, F&& f) {
  const size_t n = w.chars.size();
  for (size_t start = 0; start < n; start++) {
    for (size_t len = min_n; len <= max_n && start + len <= n; len++) f(start, len);
  }
}

}  // namespace embedkit::vectors
