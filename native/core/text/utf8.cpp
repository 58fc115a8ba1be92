#include "text/utf8.h"

#include <cstring>

namespace embedkit::text {

size_t valid_utf8_sequence_length(std::string_view s, size_t pos) noexcept {
  const size_t n = s.size();
  auto byte = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  uint8_t c = byte(pos);
  if (c < 0x80) return 1;
  auto cont = [&](size_t i) { return i < n && (byte(i) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(pos + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!(pos + 2 < n)) return 0;
    uint8_t c1 = byte(pos + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // surrogates
    return cont(pos + 1) && cont(pos + 2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!(pos + 3 < n)) return 0;
    uint8_t c1 = byte(pos + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;   // overlong
    if (c == 0xF4 && c1 >= 0x90) return 0;  // past U+10FFFF
    return cont(pos + 1) && cont(pos + 2) && cont(pos + 3) ? 4 : 0;
  }
  return 0;
}

size_t find_invalid_utf8(std::string_view s) noexcept {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    // ASCII runs 8 bytes at a time (no high bit in any byte).
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    if (static_cast<uint8_t>(s[i]) < 0x80) {
      i++;
      continue;
    }
    size_t len = valid_utf8_sequence_length(s, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

size_t count_code_points(std::string_view s) noexcept {
  size_t count = 0;
  for (char c : s)
    if ((static_cast<uint8_t>(c) & 0xC0) != 0x80) count++;
  return count;
}

size_t prefix_bytes_for_code_points(std::string_view s, size_t n) noexcept {
  size_t seen = 0;
  for (size_t i = 0; i < s.size(); i++) {
    if ((static_cast<uint8_t>(s[i]) & 0xC0) != 0x80) {
      if (seen == n) return i;
      seen++;
    }
  }
  return s.size();
}

}  // namespace embedkit::text
