// GPT-2's byte <-> char table (HF bytes_char): printable bytes keep their code point, the 68 others map,
// in byte order, to U+0100 upwards (space -> U+0120 'Ġ', '\n' -> U+010A 'Ċ').
#pragma once
#include <cstdint>
#include <string>

namespace embedkit::tok {

// The char byte `b` stands for.
uint32_t byte_to_char(uint8_t b) noexcept;
// The byte char `cp` stands for, or -1 when it is not in the table.
int char_to_byte(uint32_t cp) noexcept;
// UTF-8 of byte_to_char(b), for appending.
const std::string& byte_char_utf8(uint8_t b) noexcept;

}  // namespace embedkit::tok
