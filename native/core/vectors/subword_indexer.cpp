#include "vectors/subword_indexer.h"

#include <algorithm>

#include "vectors/ngrams.h"
#include "vectors/subword_hashes.h"

namespace embedkit::vectors {

namespace {

class BucketIndexer final : public SubwordIndexer {
 public:
  BucketIndexer(uint32_t min_n, uint32_t max_n, uint32_t exp)
      : SubwordIndexer(min_n, max_n), exp_(exp), mask_(exp >= 64 ? ~0ull : (1ull << exp) - 1) {}
  void indices(std::string_view word, std::vector<uint64_t>& out) const override {
    // The hash needs code points only: decode into a reused per-thread buffer (no allocation per word,
    // unlike BracketedWord), in the order for_each_ngram gives.
    thread_local std::vector<uint32_t> chars;
    bracketed_code_points(word, chars);
    const size_t n = chars.size();
    for (size_t start = 0; start < n; start++)
      for (size_t len = min_n_; len <= max_n_ && start + len <= n; len++)
        out.push_back(finalfusion_ngram_hash(chars.data() + start, len) & mask_);
  }
  uint64_t upper_bound() const noexcept override { return mask_ + 1; }
  const char* kind() const noexcept override { return "bucket"; }
  SubwordParams params() const override {
    SubwordParams p;
    p.bucket_exp = exp_;
    return p;
  }

 private:
  uint32_t exp_;
  uint64_t mask_;
};

class FastTextIndexer final : public SubwordIndexer {
 public:
  FastTextIndexer(uint32_t min_n, uint32_t max_n, uint64_t buckets) : SubwordIndexer(min_n, max_n), buckets_(buckets) {}
  void indices(std::string_view word, std::vector<uint64_t>& out) const override {
    if (buckets_ == 0) return;
    BracketedWord w("<", word, ">");
    for_each_ngram(w, min_n_, max_n_, [&](size_t start, size_t len) {
      out.push_back(fasttext_hash(w.ngram_bytes(start, len)) % buckets_);
    });
  }
  uint64_t upper_bound() const noexcept override { return buckets_; }
  const char* kind() const noexcept override { return "fasttext"; }
  SubwordParams params() const override {
    SubwordParams p;
    p.buckets = buckets_;
    return p;
  }

 private:
  uint64_t buckets_;
};

class ExplicitIndexer final : public SubwordIndexer {
 public:
  ExplicitIndexer(uint32_t min_n, uint32_t max_n, std::unordered_map<std::string, uint64_t> ngrams, uint64_t bound,
                  std::vector<std::pair<std::string, uint64_t>> order)
      : SubwordIndexer(min_n, max_n), ngrams_(std::move(ngrams)), bound_(bound), order_(std::move(order)) {
    if (order_.empty() && !ngrams_.empty()) {  // no file order given: sort by index, then n-gram
      order_.assign(ngrams_.begin(), ngrams_.end());
      std::sort(order_.begin(), order_.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second < b.second : a.first < b.first;
      });
    }
  }
  void indices(std::string_view word, std::vector<uint64_t>& out) const override {
    BracketedWord w("<", word, ">");
    std::string key;
    for_each_ngram(w, min_n_, max_n_, [&](size_t start, size_t len) {
      key.assign(w.ngram_bytes(start, len));
      auto it = ngrams_.find(key);  // unknown n-grams contribute nothing
      if (it != ngrams_.end()) out.push_back(it->second);
    });
  }
  uint64_t upper_bound() const noexcept override { return bound_; }
  const char* kind() const noexcept override { return "explicit"; }
  SubwordParams params() const override {
    SubwordParams p;
    p.ngrams = &order_;
    return p;
  }

 private:
  std::unordered_map<std::string, uint64_t> ngrams_;
  uint64_t bound_;
  std::vector<std::pair<std::string, uint64_t>> order_;
};

class FloretIndexer final : public SubwordIndexer {
 public:
  FloretIndexer(uint32_t min_n, uint32_t max_n, uint64_t buckets, uint32_t hashes, uint32_t seed, std::string bow,
                std::string eow)
      : SubwordIndexer(min_n, max_n), buckets_(buckets), hashes_(hashes), seed_(seed), bow_(std::move(bow)), eow_(std::move(eow)) {}
  void indices(std::string_view word, std::vector<uint64_t>& out) const override {
    if (buckets_ == 0) return;
    BracketedWord w(bow_, word, eow_);
    // floret hashes the whole bracketed word as well as its n-grams (so a short word counts twice).
    add(w.bytes, out);
    for_each_ngram(w, min_n_, max_n_, [&](size_t start, size_t len) { add(w.ngram_bytes(start, len), out); });
  }
  uint64_t upper_bound() const noexcept override { return buckets_; }
  const char* kind() const noexcept override { return "floret"; }
  SubwordParams params() const override {
    SubwordParams p;
    p.buckets = buckets_;
    p.hashes = hashes_;
    p.seed = seed_;
    p.bow = bow_;
    p.eow = eow_;
    return p;
  }

 private:
  void add(std::string_view item, std::vector<uint64_t>& out) const {
    uint64_t h[2];
    murmur3_x64_128(item, seed_, h);
    const uint32_t keys[4] = {static_cast<uint32_t>(h[0]), static_cast<uint32_t>(h[0] >> 32), static_cast<uint32_t>(h[1]),
                              static_cast<uint32_t>(h[1] >> 32)};
    for (uint32_t i = 0; i < hashes_; i++) out.push_back(keys[i] % buckets_);
  }
  uint64_t buckets_;
  uint32_t hashes_, seed_;
  std::string bow_, eow_;
};

}  // namespace

std::unique_ptr<SubwordIndexer> make_bucket_indexer(uint32_t min_n, uint32_t max_n, uint32_t bucket_exp) {
  return std::make_unique<BucketIndexer>(min_n, max_n, bucket_exp);
}
std::unique_ptr<SubwordIndexer> make_fasttext_indexer(uint32_t min_n, uint32_t max_n, uint64_t n_buckets) {
  return std::make_unique<FastTextIndexer>(min_n, max_n, n_buckets);
}
std::unique_ptr<SubwordIndexer> make_explicit_indexer(uint32_t min_n, uint32_t max_n,
                                                      std::unordered_map<std::string, uint64_t> ngrams, uint64_t bound,
                                                      std::vector<std::pair<std::string, uint64_t>> order) {
  return std::make_unique<ExplicitIndexer>(min_n, max_n, std::move(ngrams), bound, std::move(order));
}
std::unique_ptr<SubwordIndexer> make_floret_indexer(uint32_t min_n, uint32_t max_n, uint64_t n_buckets, uint32_t n_hashes,
                                                    uint32_t seed, std::string bow, std::string eow) {
  return std::make_unique<FloretIndexer>(min_n, max_n, n_buckets, n_hashes, seed, std::move(bow), std::move(eow));
}

}  // namespace embedkit::vectors
