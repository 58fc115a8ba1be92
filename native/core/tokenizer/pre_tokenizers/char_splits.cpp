#include "tokenizer/pre_tokenizers/char_splits.h"

#include "text/unicode.h"

namespace embedkit::tok {

void PunctuationPreTokenizer::pre_tokenize(NormalizedText& nt, const std::vector<Piece>& in, std::vector<Piece>& out) const {
  for (const Piece& piece : in)
    split_on_chars(nt.text, piece, [](uint32_t cp) { return text::is_punctuation(cp); }, behavior_, out);
}


void DigitsPreTokenizer::pre_tokenize(NormalizedText& nt, const std::vector<Piece>& in, std::vector<Piece>& out) const {
  const SplitBehavior behavior = individual_ ? SplitBehavior::Isolated : SplitBehavior::Contiguous;
  for (const Piece& piece : in)
    split_on_chars(nt.text, piece, [](uint32_t cp) { return text::is_numeric(cp); }, behavior, out);
}

void CharDelimiterPreTokenizer::pre_tokenize(NormalizedText& nt, const std::vector<Piece>& in, std::vector<Piece>& out) const {
  const uint32_t d = delimiter_;
  for (const Piece& piece : in) split_on_chars(nt.text, piece, [d](uint32_t cp) { return cp == d; }, SplitBehavior::Removed, out);
}

}  // namespace embedkit::tok
