#include "vectors/word_vectors.h"

#include <cmath>
#include <cstring>

#include "common/error.h"
#include "kernels/pooling.h"
#include "vectors/subword_sum.h"

namespace embedkit::vectors {

WordVectors::WordVectors(std::string format, Vocab vocab, std::unique_ptr<Storage> storage, std::vector<float> norms,
                         std::optional<std::string> metadata, const std::string& path)
    : format_(std::move(format)), vocab_(std::move(vocab)), storage_(std::move(storage)), norms_(std::move(norms)),
      metadata_(std::move(metadata)) {
  // A bare storage chunk has no vocabulary at all: its rows are reachable by index only.
  const bool storage_only = vocab_.words_len() == 0 && !vocab_.subwords();
  if (!storage_only && storage_->rows() != vocab_.rows())
    throw Error(ErrorKind::Format, path + ": the storage has " + std::to_string(storage_->rows()) + " rows but the vocabulary needs " +
                                       std::to_string(vocab_.rows()));
  if (!norms_.empty() && norms_.size() != vocab_.words_len())
    throw Error(ErrorKind::Format, path + ": NdNorms has " + std::to_string(norms_.size()) + " norms for " +
                                       std::to_string(vocab_.words_len()) + " words");
}

bool WordVectors::embedding(std::string_view word, float* out, float* norm) const {
  if (auto idx = vocab_.word_index(word)) {
    storage_->row(*idx, out);
    if (norm) *norm = norms_.empty() ? 1.0f : norms_[*idx];
    return true;
  }
  thread_local std::vector<uint64_t> rows;  // reused: no allocation per unknown word
  vocab_.subword_rows(word, rows);
  if (rows.empty()) return false;
  const double n = subword_vector(*storage_, rows.data(), rows.size(), out);  // same code as batched lookups
  if (norm) *norm = static_cast<float>(n);
  return true;
}

const std::vector<float>& WordVectors::word_row_scales() const {
  std::call_once(scales_once_, [this] {
    const float* m = storage_->dense();
    if (!m) return;
    const size_t d = dim(), n = vocab_.words_len();
    scales_.resize(n);
    for (size_t i = 0; i < n; i++) {
      double norm = kernels::l2_norm(m + i * d, d);
      // Rows within rounding of unit length keep scale 1 exactly; zero rows score 0.
      scales_[i] = std::fabs(norm - 1.0) < 1e-5 ? 1.0f : norm > 0 ? static_cast<float>(1.0 / norm) : 0.0f;
    }
  });
  return scales_;
}

}  // namespace embedkit::vectors
