// A Model2Vec static embedding model, encoding exactly as model2vec 0.10 (Python) does: cut each text
// to max_length * median_token_length characters, tokenize without special tokens, keep the first
// max_length ids, drop the unknown token (0.10 truncates before dropping; 0.8 and model2vec-rs drop
// first), average weights[id] * embeddings[mapping[id]] over the tokens (an all-zero vector for none),
// then L2-normalize if the model says so.
#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "static/embedding_table.h"
#include "static/model_folder.h"
#include "static/word_cache_ids.h"
#include "threads/thread_pool.h"
#include "tokenizer/tokenizer.h"

namespace embedkit::static_model {

constexpr size_t kNoLimit = std::numeric_limits<size_t>::max();

struct LoadOptions {
  std::optional<bool> normalize;  // overrides the model's config
};

struct SequenceOutput {
  std::vector<float> data;     // all texts' token rows, one after another
  std::vector<uint32_t> counts;  // token rows per text
};

class StaticModel {
 public:
  static std::shared_ptr<const StaticModel> load(const std::string& folder, const LoadOptions& options);

  size_t dim() const noexcept { return table_.dim(); }
  size_t rows() const noexcept { return table_.rows(); }
  bool normalize() const noexcept { return normalize_; }
  size_t median_token_length() const noexcept { return median_token_length_; }
  // config.json's max_length (model2vec 0.10 writes it): 512 when absent, kNoLimit when null.
  size_t default_max_length() const noexcept { return default_max_length_; }
  const EmbeddingTable& table() const noexcept { return table_; }
  const tok::Tokenizer& tokenizer() const noexcept { return *tokenizer_; }
  std::shared_ptr<const tok::Tokenizer> shared_tokenizer() const noexcept { return tokenizer_; }
  const ModelFiles& files() const noexcept { return files_; }

  // model2vec's character cut for a token limit: max_length x median token length code points.
  size_t char_limit(size_t max_length) const noexcept {
    if (max_length == kNoLimit || max_length > kNoLimit / median_token_length_) return kNoLimit;
    return max_length * median_token_length_;
  }

  // The ids that contribute to a text's vector (appended to `ids`, which is cleared first).
  void token_ids(std::string_view text, size_t max_length, std::vector<uint32_t>& ids) const;

  // Writes n rows of dim() floats to `out`, in parallel on `pool` (nullptr: the calling thread only).
  void encode(const std::string_view* texts, size_t n, size_t max_length, float* out, ThreadPool* pool) const;

  // Per-token rows (weights and mapping applied, no mean, no normalization).
  SequenceOutput encode_sequence(const std::string_view* texts, size_t n, size_t max_length, ThreadPool* pool) const;

 private:
  // One text's vector from its ids (token_ids' output).
  void pool_ids(const std::vector<uint32_t>& ids, float* out) const;
  // Starts loading the rows of a short text's ids, so they arrive while the next text is tokenized.
  void prefetch_rows(const std::vector<uint32_t>& ids) const noexcept;

  ModelFiles files_;
  std::shared_ptr<const tok::Tokenizer> tokenizer_;
  EmbeddingTable table_;
  bool normalize_ = false;
  size_t median_token_length_ = 1;
  size_t default_max_length_ = 512;
  std::optional<uint32_t> unk_id_;
  std::unique_ptr<const WordCacheIds> word_ids_;  // null: the tokenizer is not the fused BERT kind
};

}  // namespace embedkit::static_model
