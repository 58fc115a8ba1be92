// The subword vocab chunks. Layouts follow finalfusion-rust (the website spec orders the bucket and
// explicit headers differently and omits the explicit n-gram indices; real files follow the code).
#include <unordered_map>

#include "vectors/finalfusion_chunks.h"
#include "vectors/vocab_words.h"

namespace embedkit::vectors {

void check_ngram_range(ByteReader& r, uint32_t min_n, uint32_t max_n) {
  if (min_n == 0 || min_n > max_n)
    r.fail("n-gram lengths " + std::to_string(min_n) + ".." + std::to_string(max_n) + " are invalid (need 1 <= min <= max)");
}

// Bucket (3) and fastText (7): u64 words, u32 min_n, u32 max_n, u32 buckets (exponent for 3, count for 7), words.
Vocab read_bucketed_vocab(ByteReader& r, bool fasttext) {
  uint64_t count = r.u64("subword vocab word count");
  uint32_t min_n = r.u32("subword vocab min_n");
  uint32_t max_n = r.u32("subword vocab max_n");
  uint32_t buckets = r.u32(fasttext ? "fastText vocab bucket count" : "bucket vocab bucket exponent");
  check_ngram_range(r, min_n, max_n);
  if (!fasttext && buckets > 63) r.fail("bucket exponent " + std::to_string(buckets) + " is absurd");
  auto words = read_word_list(r, count);
  auto indexer = fasttext ? make_fasttext_indexer(min_n, max_n, buckets) : make_bucket_indexer(min_n, max_n, buckets);
  return Vocab(std::move(words), std::move(indexer), r.path());
}

// Explicit (8): u64 words, u64 ngrams, u32 min_n, u32 max_n, words, then (ngram, u64 index) pairs.
Vocab read_explicit_vocab(ByteReader& r) {
  uint64_t words_len = r.u64("explicit vocab word count");
  uint64_t ngrams_len = r.u64("explicit vocab n-gram count");
  uint32_t min_n = r.u32("explicit vocab min_n");
  uint32_t max_n = r.u32("explicit vocab max_n");
  check_ngram_range(r, min_n, max_n);
  auto words = read_word_list(r, words_len);
  r.need_items(ngrams_len, 12, "explicit vocab n-grams");
  std::unordered_map<std::string, uint64_t> ngrams;
  std::unordered_map<uint64_t, uint64_t> renumber;  // stored index -> dense index in first-seen order
  std::vector<std::pair<std::string, uint64_t>> order;  // file order, for writing the chunk back
  ngrams.reserve(ngrams_len);
  order.reserve(ngrams_len);
  for (uint64_t i = 0; i < ngrams_len; i++) {
    std::string ngram(r.string("explicit vocab n-gram"));
    uint64_t stored = r.u64("explicit vocab n-gram index");
    auto [it, fresh] = renumber.emplace(stored, renumber.size());
    (void)fresh;
    if (!ngrams.emplace(ngram, it->second).second) r.fail("explicit vocab lists an n-gram twice");
    order.emplace_back(std::move(ngram), it->second);
  }
  return Vocab(std::move(words), make_explicit_indexer(min_n, max_n, std::move(ngrams), renumber.size(), std::move(order)),
               r.path());
}

// Floret (9): u32 min_n, u32 max_n, u64 buckets, u32 hashes (1..4), u32 seed, bow, eow. No words.
Vocab read_floret_vocab(ByteReader& r) {
  uint32_t min_n = r.u32("floret vocab min_n");
  uint32_t max_n = r.u32("floret vocab max_n");
  uint64_t buckets = r.u64("floret vocab bucket count");
  uint32_t hashes = r.u32("floret vocab hash count");
  uint32_t seed = r.u32("floret vocab seed");
  check_ngram_range(r, min_n, max_n);
  if (hashes < 1 || hashes > 4) r.fail("floret hash count " + std::to_string(hashes) + " is not 1..4");
  std::string bow(r.string("floret bow marker"));
  std::string eow(r.string("floret eow marker"));
  return Vocab({}, make_floret_indexer(min_n, max_n, buckets, hashes, seed, std::move(bow), std::move(eow)), r.path());
}

}  // namespace embedkit::vectors
