#include "tokenizer/pre_tokenizers/split.h"

#include "tokenizer/pre_tokenizers/regex_split.h"

namespace embedkit::tok {

void SplitPreTokenizer::pre_tokenize(NormalizedText& text, const std::vector<Piece>& in, std::vector<Piece>& out) const {
  for (const Piece& p : in) split_on_regex(*regex_, text.text, p, behavior_, invert_, out);
}

}  // namespace embedkit::tok
