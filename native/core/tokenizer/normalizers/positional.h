// HF NormalizedString::transform's alignment rule, for normalizers that rewrite runs of chars (NFC/NFKC/
// NFKD, Precompiled). Each output char comes with a change: 0 = it takes the place of the next input
// char, +1 = it is inserted (it gets the source range of the input char before it), -n = it takes the
// next input char's place and n more input chars disappear after it. Ranges follow positions, not
// identities: a mark moved by canonical reordering gets the range of the char whose place it takes.
#pragma once
#include <cstdint>
#include <vector>

#include "tokenizer/normalized_text.h"

namespace embedkit::tok {

struct CharChange {
  uint32_t cp;
  int32_t change;
};

// Writes `chars` into `out` (cleared), with source ranges from `in` by the rule above.
void apply_positional(const NormalizedText& in, const std::vector<CharChange>& chars, NormalizedText& out);

}  // namespace embedkit::tok
