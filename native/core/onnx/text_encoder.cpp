#include "onnx/text_encoder.h"

#include <algorithm>

#include "common/error.h"

namespace embedkit::onnx {

TextEncoder::TextEncoder(std::shared_ptr<const tok::Tokenizer> tokenizer, size_t max_length)
    : tokenizer_(std::move(tokenizer)), max_length_(max_length) {
  // TEMPORARY: with and without special tokens for a probe text; the difference at each end is what
  // the post-processor adds (for BERT: [CLS] ... [SEP]).
  std::vector<uint32_t> with, without;
  tokenizer_->encode_ids("a", true, with);
  tokenizer_->encode_ids("a", false, without);
  auto it = std::search(with.begin(), with.end(), without.begin(), without.end());
  if (!without.empty() && it != with.end()) {
    prefix_.assign(with.begin(), it);
    suffix_.assign(it + static_cast<std::ptrdiff_t>(without.size()), with.end());
  }
  if (max_length_ <= prefix_.size() + suffix_.size())
    throw Error(ErrorKind::Argument, "maxLength " + std::to_string(max_length_) + " leaves no room for text after the " +
                                         std::to_string(prefix_.size() + suffix_.size()) + " special tokens");
}

void TextEncoder::encode(std::string_view text, std::vector<uint32_t>& ids, std::vector<uint32_t>& type_ids) const {
  ids.clear();
  // TEMPORARY truncation (see the header): content cut to fit, special tokens kept.
  std::vector<uint32_t> content;
  tokenizer_->encode_ids(text, false, content);
  size_t room = max_length_ - prefix_.size() - suffix_.size();
  if (content.size() > room) content.resize(room);
  ids.insert(ids.end(), prefix_.begin(), prefix_.end());
  ids.insert(ids.end(), content.begin(), content.end());
  ids.insert(ids.end(), suffix_.begin(), suffix_.end());
  type_ids.assign(ids.size(), 0);
}

void TextEncoder::encode_pair(std::string_view first, std::string_view second, std::vector<uint32_t>& ids,
                              std::vector<uint32_t>& type_ids) const {
  // TEMPORARY pair template (BERT's): prefix A suffix B suffix, types 0 up to the first suffix, then 1;
  // longest-first truncation as HF's default strategy.
  std::vector<uint32_t> a, b;
  tokenizer_->encode_ids(first, false, a);
  tokenizer_->encode_ids(second, false, b);
  size_t specials = prefix_.size() + 2 * suffix_.size();
  size_t room = max_length_ > specials ? max_length_ - specials : 0;
  while (a.size() + b.size() > room) {
    if (a.size() > b.size()) a.pop_back();
    else b.pop_back();
  }
  ids.clear();
  ids.insert(ids.end(), prefix_.begin(), prefix_.end());
  ids.insert(ids.end(), a.begin(), a.end());
  ids.insert(ids.end(), suffix_.begin(), suffix_.end());
  type_ids.assign(ids.size(), 0);
  ids.insert(ids.end(), b.begin(), b.end());
  ids.insert(ids.end(), suffix_.begin(), suffix_.end());
  type_ids.resize(ids.size(), 1);
}

}  // namespace embedkit::onnx
