#include "onnx/text_encoder.h"

#include <optional>

namespace embedkit::onnx {

TextEncoder::TextEncoder(std::shared_ptr<const tok::Tokenizer> tokenizer, size_t max_length)
    : tokenizer_(std::move(tokenizer)) {
  // HF's enable_truncation(max_length) defaults: stride 0, longest first, keep the start.
  truncation_.max_length = max_length;
}

void TextEncoder::encode(std::string_view text, std::vector<uint32_t>& ids, std::vector<uint32_t>& type_ids) const {
  // Fast path: ids only (no token strings or offsets). Type ids of a single text are all zero, which is
  // also what FastEmbed feeds. Only a text over the limit takes the full encoding with truncation.
  // A text of many bytes per allowed token is surely cut: go straight to the truncating encode, which
  // stops tokenizing early (both paths give the same ids; only the cost differs).
  ids.clear();
  if (text.size() <= 8 * truncation_.max_length) tokenizer_->encode_ids(text, true, ids);
  if (ids.empty() || ids.size() > truncation_.max_length) {
    tok::Encoding e = tokenizer_->encode_pair(text, std::nullopt, tok::EncodeOptions{true, &truncation_});
    ids = std::move(e.ids);
  }
  type_ids.assign(ids.size(), 0);
}

void TextEncoder::encode_pair(std::string_view first, std::string_view second, std::vector<uint32_t>& ids,
                              std::vector<uint32_t>& type_ids) const {
  tok::Encoding e = tokenizer_->encode_pair(first, second, tok::EncodeOptions{true, &truncation_});
  ids = std::move(e.ids);
  type_ids = std::move(e.type_ids);
}

}  // namespace embedkit::onnx
