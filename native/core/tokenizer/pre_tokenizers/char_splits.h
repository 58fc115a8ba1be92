// Pre-tokenizers that split on a char predicate with a delimiter behaviour:
// {"type":"Punctuation","behavior"} (default Isolated), {"type":"Digits","individual_digits"},
// {"type":"CharDelimiterSplit","delimiter"} (Removed).
#pragma once
#include "tokenizer/pre_tokenizers/pre_tokenizer.h"

namespace embedkit::tok {

class PunctuationPreTokenizer final : public PreTokenizer {
 public:
  explicit PunctuationPreTokenizer(SplitBehavior behavior) : behavior_(behavior) {}
  void pre_tokenize(NormalizedText& text, const std::vector<Piece>& in, std::vector<Piece>& out) const override;

 private:
  SplitBehavior behavior_;
};

class DigitsPreTokenizer final : public PreTokenizer {
 public:
  explicit DigitsPreTokenizer(bool individual) : individual_(individual) {}
  void pre_tokenize(NormalizedText& text, const std::vector<Piece>& in, std::vector<Piece>& out) const override;

 private:
  bool individual_;
};

class CharDelimiterPreTokenizer final : public PreTokenizer {
 public:
  explicit CharDelimiterPreTokenizer(uint32_t delimiter) : delimiter_(delimiter) {}
  void pre_tokenize(NormalizedText& text, const std::vector<Piece>& in, std::vector<Piece>& out) const override;

 private:
  uint32_t delimiter_;
};

}  // namespace embedkit::tok
