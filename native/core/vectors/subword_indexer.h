// Maps an unknown word to the storage rows of its n-grams. One implementation per finalfusion
// subword vocabulary: bucket (finalfusion hash), fastText hash, explicit n-gram table, floret.
// Returned indices are relative to the first subword row (the vocab adds the number of words).
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace embedkit::vectors {

// The fields a finalfusion writer stores for each indexer kind.
struct SubwordParams {
  uint32_t bucket_exp = 0;  // bucket: the table has 2^bucket_exp rows
  uint64_t buckets = 0;     // fasttext, floret: the number of buckets
  uint32_t hashes = 0, seed = 0;  // floret
  std::string bow, eow;           // floret
  // explicit: every n-gram in file order with its (dense) index.
  const std::vector<std::pair<std::string, uint64_t>>* ngrams = nullptr;
};

class SubwordIndexer {
 public:
  virtual ~SubwordIndexer() = default;
  // Appends the subword indices of `word` (not bracketed yet) to `out`.
  virtual void indices(std::string_view word, std::vector<uint64_t>& out) const = 0;
  // Number of subword rows the storage holds after the word rows.
  virtual uint64_t upper_bound() const noexcept = 0;
  virtual const char* kind() const noexcept = 0;  // "bucket", "fasttext", "explicit", "floret"
  virtual SubwordParams params() const = 0;
  uint32_t min_n() const noexcept { return min_n_; }
  uint32_t max_n() const noexcept { return max_n_; }

 protected:
  SubwordIndexer(uint32_t min_n, uint32_t max_n) : min_n_(min_n), max_n_(max_n) {}
  uint32_t min_n_, max_n_;
};

// finalfusion BucketSubwordVocab: FNV-1a 64 & (2^exp - 1).
std::unique_ptr<SubwordIndexer> make_bucket_indexer(uint32_t min_n, uint32_t max_n, uint32_t bucket_exp);
// fastText: FNV-1a 32 (sign-extended bytes) mod n_buckets.
std::unique_ptr<SubwordIndexer> make_fasttext_indexer(uint32_t min_n, uint32_t max_n, uint64_t n_buckets);
// Explicit n-gram table; indices already renumbered densely. `order` lists the n-grams in file order
// (with their dense indices), which the finalfusion writer reproduces.
std::unique_ptr<SubwordIndexer> make_explicit_indexer(uint32_t min_n, uint32_t max_n,
                                                      std::unordered_map<std::string, uint64_t> ngrams, uint64_t bound,
                                                      std::vector<std::pair<std::string, uint64_t>> order = {});
// floret: MurmurHash3 of the bracketed word and of each n-gram, n_hashes keys each, mod n_buckets.
std::unique_ptr<SubwordIndexer> make_floret_indexer(uint32_t min_n, uint32_t max_n, uint64_t n_buckets, uint32_t n_hashes,
                                                    uint32_t seed, std::string bow, std::string eow);

}  // namespace embedkit::vectors
