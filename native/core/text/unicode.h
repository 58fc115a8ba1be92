// Unicode character properties as Hugging Face `tokenizers` sees them. HF pins old Unicode data
// (BERT's control / punctuation / nonspacing-mark checks use tables of about Unicode 8, NFD and
// StripAccents use Unicode 9, lowercasing uses Rust's std), so these are not today's Unicode
// properties: they are tables taken from HF itself (scripts/fixtures/tokenizers/unicode-tables.js),
// with utf8proc supplying canonical decompositions and combining classes.
// Every lookup is a two-stage table; ASCII callers can use the `ascii_*` tables directly.
#pragma once
#include <cstddef>
#include <cstdint>

namespace embedkit::text {

enum CharFlag : uint16_t {
  kWhitespace = 1,       // Rust char::is_whitespace (Unicode White_Space)
  kCleanRemoved = 2,     // BertNormalizer clean_text deletes it: NUL, U+FFFD, old Cc|Cf|Co except \t \n \r
  kPunctuation = 4,      // BertPreTokenizer / Punctuation: ASCII punctuation or old P*
  kNonspacingMark = 8,   // old Mn: what BertNormalizer's accent stripping drops after NFD
  kCombiningMark = 16,   // Unicode 9 M*: what the StripAccents normalizer drops
  kChinese = 32,         // BertNormalizer handle_chinese_chars ranges
  kHasLowercase = 64,    // Rust to_lowercase differs from the char
  kDecomposes = 128,     // NFD (Unicode 9) changes the char
  kWordChar = 256,       // Rust regex \w (Alphabetic, M, Nd, Pc, Join_Control): Whitespace, single_word
  kNumeric = 512,        // Rust char::is_numeric (Nd, Nl, No): Digits
  kCompatDecomposes = 1024,  // NFKD (Unicode 9) changes the char
  kComposite = 2048,         // a canonical composite NFC (Unicode 9) composes back to
};

// Flags of a code point (0 for anything past U+10FFFF).
uint16_t char_flags(uint32_t cp) noexcept;

// Flags of the 128 ASCII chars (same values as char_flags) and their lowercase.
extern const uint16_t ascii_flags[128];
extern const uint8_t ascii_lower[128];

inline bool is_whitespace(uint32_t cp) noexcept { return char_flags(cp) & kWhitespace; }
inline bool is_punctuation(uint32_t cp) noexcept { return char_flags(cp) & kPunctuation; }

// Rust char::to_lowercase (full mapping, no context): writes 1..3 code points to `out`, returns how many.
size_t to_lowercase(uint32_t cp, uint32_t out[3]) noexcept;

// Canonical decomposition (Unicode 9, fully recursive, Hangul included) of one code point: writes up to
// `cap` code points to `out` and returns how many there are (the char itself when it does not decompose).
size_t canonical_decomposition(uint32_t cp, uint32_t* out, size_t cap) noexcept;

// Compatibility decomposition (NFKD's, Unicode 9, fully recursive), like canonical_decomposition.
size_t compatibility_decomposition(uint32_t cp, uint32_t* out, size_t cap) noexcept;

// The primary composite of a starter and a following char (Unicode 9; Hangul included), or 0.
uint32_t compose_pair(uint32_t starter, uint32_t next) noexcept;

// Canonical combining class (0 for starters and for chars HF's Unicode 9 tables do not know as marks).
uint8_t combining_class(uint32_t cp) noexcept;

// Rust `regex` crate's Unicode `\w` (Whitespace pre-tokenizer, added tokens' single_word).
inline bool is_word_char(uint32_t cp) noexcept { return char_flags(cp) & kWordChar; }
// Rust char::is_numeric (Digits pre-tokenizer).
inline bool is_numeric(uint32_t cp) noexcept { return char_flags(cp) & kNumeric; }

}  // namespace embedkit::text
