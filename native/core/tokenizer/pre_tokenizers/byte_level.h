// {"type":"ByteLevel","add_prefix_space","trim_offsets","use_regex"}: per piece, prepend a space when
// asked and the piece does not start with one, split with GPT-2's pattern (Isolated), then spell every
// byte as its GPT-2 alphabet char. Every char made from a source char keeps that char's source range.
// trim_offsets matters only to the ByteLevel post-processor.
#pragma once
#include <memory>

#include "text/regex.h"
#include "tokenizer/pre_tokenizers/pre_tokenizer.h"

namespace embedkit::tok {

class ByteLevelPreTokenizer final : public PreTokenizer {
 public:
  ByteLevelPreTokenizer(bool add_prefix_space, bool use_regex);
  void pre_tokenize(NormalizedText& text, const std::vector<Piece>& in, std::vector<Piece>& out) const override;

  static const char* gpt2_pattern() noexcept;

 private:
  bool add_prefix_space_;
  std::shared_ptr<const text::Regex> regex_;  // null without use_regex
};

// Appends the byte-level spelling of text[begin, end) to `out`, keeping source ranges.
void append_byte_level(const NormalizedText& text, size_t begin, size_t end, NormalizedText& out);

}  // namespace embedkit::tok
