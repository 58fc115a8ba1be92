// {"type":"Whitespace"}: keeps the matches of \w+|[^\w\s]+ (Rust regex classes), drops the rest.
// {"type":"WhitespaceSplit"}: splits on Unicode whitespace, which is removed.
#pragma once
#include "tokenizer/pre_tokenizers/pre_tokenizer.h"

namespace embedkit::tok {

class WhitespacePreTokenizer final : public PreTokenizer {
 public:
  void pre_tokenize(NormalizedText& text, const std::vector<Piece>& in, std::vector<Piece>& out) const override;
};

class WhitespaceSplitPreTokenizer final : public PreTokenizer {
 public:
  void pre_tokenize(NormalizedText& text, const std::vector<Piece>& in, std::vector<Piece>& out) const override;
};

}  // namespace embedkit::tok
