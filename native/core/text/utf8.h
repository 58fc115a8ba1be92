// UTF-8 helpers shared by every reader and the tokenizer: validation, decoding, encoding.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace embedkit::text {

// Length of the well-formed UTF-8 sequence starting at s[pos] (1..4), or 0 if it is ill-formed
// (overlong, surrogate, past U+10FFFF, truncated).
size_t valid_utf8_sequence_length(std::string_view s, size_t pos) noexcept;

// Byte offset of the first ill-formed sequence, or npos when the whole string is valid UTF-8.
size_t find_invalid_utf8(std::string_view s) noexcept;

// Decodes the code point at s[pos] (must be valid) and advances pos.
inline uint32_t decode_utf8(std::string_view s, size_t& pos) noexcept {
  uint8_t c = static_cast<uint8_t>(s[pos]);
  if (c < 0x80) {
    pos += 1;
    return c;
  }
  if (c < 0xE0) {
    uint32_t cp = ((c & 0x1F) << 6) | (static_cast<uint8_t>(s[pos + 1]) & 0x3F);
    pos += 2;
    return cp;
  }
  if (c < 0xF0) {
    uint32_t cp = ((c & 0x0F) << 12) | ((static_cast<uint8_t>(s[pos + 1]) & 0x3F) << 6) |
                  (static_cast<uint8_t>(s[pos + 2]) & 0x3F);
    pos += 3;
    return cp;
  }
  uint32_t cp = ((c & 0x07) << 18) | ((static_cast<uint8_t>(s[pos + 1]) & 0x3F) << 12) |
                ((static_cast<uint8_t>(s[pos + 2]) & 0x3F) << 6) | (static_cast<uint8_t>(s[pos + 3]) & 0x3F);
  pos += 4;
  return cp;
}

// Number of bytes the code point takes in UTF-8.
inline size_t utf8_length(uint32_t cp) noexcept { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

void append_utf8(std::string& out, uint32_t cp);

// Number of code points in valid UTF-8 text.
size_t count_code_points(std::string_view s) noexcept;

// Byte length of the first `n` code points of valid UTF-8 text (the whole text when it has fewer).
size_t prefix_bytes_for_code_points(std::string_view s, size_t n) noexcept;

}  // namespace embedkit::text
