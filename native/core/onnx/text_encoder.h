// Text -> model inputs (ids and token type ids) for transformer models: special tokens added, texts
// truncated to the model's maximum as its tokenizer config says, and (query, document) pairs for
// cross-encoders. Thread-safe (read-only after construction).
#pragma once
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "tokenizer/tokenizer.h"

namespace embedkit::onnx {

class TextEncoder {
 public:
  // `max_length`: total tokens, special tokens included.
  TextEncoder(std::shared_ptr<const tok::Tokenizer> tokenizer, size_t max_length);

  size_t max_length() const noexcept { return max_length_; }
  const tok::Tokenizer& tokenizer() const noexcept { return *tokenizer_; }

  // One text; `ids` and `type_ids` are overwritten.
  void encode(std::string_view text, std::vector<uint32_t>& ids, std::vector<uint32_t>& type_ids) const;
  // A pair (first, second): the tokenizer's pair template, longest-first truncation.
  void encode_pair(std::string_view first, std::string_view second, std::vector<uint32_t>& ids,
                   std::vector<uint32_t>& type_ids) const;

 private:
  std::shared_ptr<const tok::Tokenizer> tokenizer_;
  size_t max_length_;
  // TEMPORARY (until the tokenizer engine has encode_pair/Truncation, helper-tok's tok-m1): the
  // special tokens the post-processor puts before and after a single text, learnt from a probe,
  // so that truncation can cut the content and keep them.
  std::vector<uint32_t> prefix_, suffix_;
};

}  // namespace embedkit::onnx
