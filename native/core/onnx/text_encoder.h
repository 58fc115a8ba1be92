// Text -> model inputs (ids and token type ids) for transformer models: special tokens added, texts
// truncated to the model's maximum as Hugging Face tokenizers does it (longest-first, right side,
// special tokens kept, what FastEmbed's enable_truncation(max_length) sets), and (query, document)
// pairs through the tokenizer's pair template for cross-encoders. Thread-safe (read-only).
#pragma once
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "tokenizer/encode_options.h"
#include "tokenizer/tokenizer.h"

namespace embedkit::onnx {

class TextEncoder {
 public:
  // `max_length`: total tokens, special tokens included.
  TextEncoder(std::shared_ptr<const tok::Tokenizer> tokenizer, size_t max_length);

  size_t max_length() const noexcept { return truncation_.max_length; }
  const tok::Tokenizer& tokenizer() const noexcept { return *tokenizer_; }

  // One text; `ids` and `type_ids` are overwritten.
  void encode(std::string_view text, std::vector<uint32_t>& ids, std::vector<uint32_t>& type_ids) const;
  // A pair (first, second): the tokenizer's pair template (type ids 0 then 1), longest-first truncation.
  void encode_pair(std::string_view first, std::string_view second, std::vector<uint32_t>& ids,
                   std::vector<uint32_t>& type_ids) const;

 private:
  std::shared_ptr<const tok::Tokenizer> tokenizer_;
  tok::Truncation truncation_;
};

}  // namespace embedkit::onnx
