// {"type":"BertPreTokenizer"}: split on whitespace (removed), then isolate every punctuation char
// (ASCII punctuation or old Unicode P*), in one pass.
#pragma once
#include "tokenizer/pre_tokenizers/pre_tokenizer.h"

namespace embedkit::tok {

class BertPreTokenizer final : public PreTokenizer {
 public:
  void pre_tokenize(NormalizedText& text, const std::vector<Piece>& in, std::vector<Piece>& out) const override;
};

}  // namespace embedkit::tok
