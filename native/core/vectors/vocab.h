// The words of a vector file (row i = word i) and, optionally, a subword indexer whose rows follow
// the word rows. Known words use their own row only; n-grams serve unknown words.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vectors/subword_indexer.h"
#include "vectors/word_table.h"

namespace embedkit::vectors {

class Vocab {
 public:
  Vocab() = default;
  // Throws Error(Format) naming `path` on a duplicate word.
  Vocab(std::vector<std::string> words, std::unique_ptr<SubwordIndexer> subwords, const std::string& path);

  size_t words_len() const noexcept { return words_.size(); }
  // Rows the storage must have: words plus subword rows.
  uint64_t rows() const noexcept { return words_.size() + (subwords_ ? subwords_->upper_bound() : 0); }
  const std::vector<std::string>& words() const noexcept { return words_; }
  const SubwordIndexer* subwords() const noexcept { return subwords_.get(); }

  std::optional<size_t> word_index(std::string_view word) const;
  // The flat word table, for batched lookups that hash once and prefetch (vectors/batch_lookup.h).
  const WordTable& table() const noexcept { return table_; }
  // Absolute storage rows of the word's n-grams (empty for a vocab without subwords).
  void subword_rows(std::string_view word, std::vector<uint64_t>& out) const;

 private:
  std::vector<std::string> words_;
  WordTable table_;
  std::unique_ptr<SubwordIndexer> subwords_;
};

}  // namespace embedkit::vectors
