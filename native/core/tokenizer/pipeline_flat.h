// Full encodings of a whole batch written straight into contiguous buffers (what JS receives as a
// handful of typed arrays; lib/tokenizer.ts hands out per-text views of them). Texts that the fused
// BERT path of PipelineTokenizer can take never become a tok::Encoding (no per-token std::string, no
// per-text vectors); every other text goes through encode_pair and is appended.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/encode_options.h"
#include "tokenizer/tokenizer.h"

namespace embedkit {
class ThreadPool;
}

namespace embedkit::tok {

struct FlatEncodings {
  std::vector<uint32_t> counts;   // tokens of encoding i
  std::vector<uint32_t> ids, type_ids;
  std::vector<uint32_t> offsets;  // [start, end] pairs, in Unicode scalar values as HF's Node binding
  std::vector<uint8_t> attention_mask, special_tokens_mask;
  std::string tokens;               // every token string, joined (UTF-8)
  std::vector<uint32_t> token_ends;  // running end of each token in `tokens`, in UTF-16 units (JS string indices)
  uint32_t utf16_end = 0;            // == token_ends.back(), or 0
  // Overflow windows (truncation), left as encodings: windows[window_counts[0] ...] belong to encoding 0, ...
  // window_counts is empty when no encoding has a window.
  std::vector<Encoding> windows;
  std::vector<uint32_t> window_counts;

  size_t size() const noexcept { return counts.size(); }
  // Appends a general-path encoding (its windows go to `windows`).
  void append(Encoding&& e);
  // Appends all of `other` (token_ends shifted), leaving it empty.
  void append(FlatEncodings&& other);

  // Per-token writers for the fused path (one encoding is open between begin() and end()).
  void push(uint32_t id, uint32_t type_id, uint32_t start, uint32_t end, std::string_view token, uint32_t utf16_len,
            uint8_t special) {
    ids.push_back(id);
    type_ids.push_back(type_id);
    offsets.push_back(start);
    offsets.push_back(end);
    attention_mask.push_back(1);
    special_tokens_mask.push_back(special);
    tokens.append(token.data(), token.size());
    utf16_end += utf16_len;
    token_ends.push_back(utf16_end);
  }

  // Where the buffers stood, to drop a half-written encoding.
  struct Mark {
    size_t tokens_bytes;
    size_t count;
    uint32_t utf16_end;
  };
  Mark mark() const noexcept { return {tokens.size(), ids.size(), utf16_end}; }
  void rollback(const Mark& m);
};

// HF pad_batch on the flat form: every encoding (and window) to the longest / fixed length.
void pad_flat(FlatEncodings& batch, const Padding& padding);

// HF encode_batch(inputs, add_special_tokens) with truncation and padding, as tok::Encoding would give it
// (Tokenizer::encode_pair per text, then pad_batch). `seconds[i]` is text i's pair where has_pair[i].
// With a pool the texts are split into contiguous parts encoded in parallel, then joined.
FlatEncodings encode_flat_batch(const Tokenizer& tokenizer, const std::vector<std::string_view>& texts,
                                const std::vector<std::string_view>* seconds, const std::vector<uint8_t>* has_pair,
                                const EncodeOptions& options, const std::optional<Padding>& padding, ThreadPool* pool);

// Number of UTF-16 units of UTF-8 `s` (a 4-byte sequence is a surrogate pair).
inline uint32_t utf16_length(std::string_view s) noexcept {
  uint32_t n = 0;
  for (char c : s) {
    const uint8_t b = static_cast<uint8_t>(c);
    if ((b & 0xC0) != 0x80) n += b >= 0xF0 ? 2 : 1;
  }
  return n;
}

}  // namespace embedkit::tok
