// Splitting a piece on the matches of a regex (HF pattern.rs find_matches + NormalizedString::split):
// matches and the gaps between them, flags flipped by `invert`, then the delimiter behaviour, with
// empty pieces (from zero-width matches) dropped only at the end, as HF drops them.
#pragma once
#include <vector>

#include "text/regex.h"
#include "tokenizer/pre_tokenizers/pre_tokenizer.h"

namespace embedkit::tok {

void split_on_regex(const text::Regex& regex, const std::string& text, Piece piece, SplitBehavior behavior, bool invert,
                    std::vector<Piece>& out);

}  // namespace embedkit::tok
