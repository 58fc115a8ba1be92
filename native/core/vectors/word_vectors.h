// A loaded set of word vectors: vocabulary, storage, optional norms and metadata. Immutable after
// load, so it is shared freely across threads.
#pragma once
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vectors/storage.h"
#include "vectors/vocab.h"

namespace embedkit::vectors {

class WordVectors {
 public:
  WordVectors(std::string format, Vocab vocab, std::unique_ptr<Storage> storage, std::vector<float> norms,
              std::optional<std::string> metadata, const std::string& path);

  const std::string& format() const noexcept { return format_; }
  const Vocab& vocab() const noexcept { return vocab_; }
  const Storage& storage() const noexcept { return *storage_; }
  size_t dim() const noexcept { return storage_->dim(); }
  const std::vector<float>& norms() const noexcept { return norms_; }  // empty when the file has none
  const std::optional<std::string>& metadata() const noexcept { return metadata_; }

  // Writes the word's vector into out[0..dim): a known word's row, or the L2-normalized sum of its
  // n-gram rows. Returns false (out untouched) when there is none. `norm`, if given, receives the stored
  // norm (1 without norms) or the norm of the n-gram sum.
  bool embedding(std::string_view word, float* out, float* norm = nullptr) const;

  // 1 / L2 norm of every word row, or 1 exactly for rows already unit length (so unit-row files score
  // with plain dot products, as finalfusion does). Computed once, on first use.
  const std::vector<float>& word_row_scales() const;

 private:
  std::string format_;
  Vocab vocab_;
  std::unique_ptr<Storage> storage_;
  std::vector<float> norms_;
  std::optional<std::string> metadata_;
  mutable std::once_flag scales_once_;
  mutable std::vector<float> scales_;
};

}  // namespace embedkit::vectors
