#include "onnx/text_encoder.h"

#include <optional>

namespace embedkit::onnx {

TextEncoder::TextEncoder(std::shared_ptr<const tok::Tokenizer> tokenizer, size_t max_length)
    : tokenizer_(std::move(tokenizer)) {
  // HF's enable_truncation(max_length) defaults: stride 0, longest first, keep the start.
  truncation_.max_length = max_length;
}

void TextEncoder::encode(std::string_view text, std::vector<uint32_t>& ids, std::vector<uint32_t>& type_ids) const {
  tok::Encoding e = tokenizer_->encode_pair(text, std::nullopt, tok::EncodeOptions{true, &truncation_});
  ids = std::move(e.ids);
  type_ids = std::move(e.type_ids);
}

void TextEncoder::encode_pair(std::string_view first, std::string_view second, std::vector<uint32_t>& ids,
                              std::vector<uint32_t>& type_ids) const {
  tok::Encoding e = tokenizer_->encode_pair(first, second, tok::EncodeOptions{true, &truncation_});
  ids = std::move(e.ids);
  type_ids = std::move(e.type_ids);
}

}  // namespace embedkit::onnx
