#include "tokenizer/byte_level_alphabet.h"

#include <array>

#include "text/utf8.h"

namespace embedkit::tok {

namespace {

struct Table {
  std::array<uint32_t, 256> chars{};
  std::array<std::string, 256> utf8;
  Table() {
    uint32_t next = 256;
    for (int b = 0; b < 256; b++) {
      const bool keep = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      chars[b] = keep ? static_cast<uint32_t>(b) : next++;
      text::append_utf8(utf8[b], chars[b]);
    }
  }
};

const Table& table() {
  static const Table t;
  return t;
}

}  // namespace

uint32_t byte_to_char(uint8_t b) noexcept { return table().chars[b]; }

int char_to_byte(uint32_t cp) noexcept {
  if (cp < 256) {
    const bool keep = (cp >= 0x21 && cp <= 0x7E) || (cp >= 0xA1 && cp <= 0xAC) || (cp >= 0xAE && cp <= 0xFF);
    return keep ? static_cast<int>(cp) : -1;
  }
  if (cp >= 256 + 68) return -1;
  for (int b = 0; b < 256; b++)
    if (table().chars[b] == cp) return b;
  return -1;
}

const std::string& byte_char_utf8(uint8_t b) noexcept { return table().utf8[b]; }

}  // namespace embedkit::tok
