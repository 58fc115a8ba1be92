#include "vectors/batch_lookup.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "kernels/pooling.h"
#include "threads/thread_pool.h"

namespace embedkit::vectors {

namespace {

constexpr size_t kSlotAhead = 16;  // hash + prefetch the table slot this many words ahead
constexpr size_t kRowAhead = 8;    // prefetch the matrix row (and word bytes) this many words ahead
constexpr size_t kNgramAhead = 8;  // unknown words: n-gram rows prefetched ahead of the sum

inline void prefetch_row(const float* row, size_t dim) {
  const char* p = reinterpret_cast<const char*>(row);
  for (size_t off = 0; off < dim * sizeof(float); off += 64) __builtin_prefetch(p + off);
}

// The normalized sum of the word's n-gram rows (finalfusion's unknown-word rule); false if none.
bool subword_vector(const WordVectors& wv, std::string_view word, float* out, std::vector<uint64_t>& rows) {
  const Vocab& vocab = wv.vocab();
  if (!vocab.subwords()) return false;
  vocab.subword_rows(word, rows);
  if (rows.empty()) return false;
  const size_t dim = wv.dim();
  std::memset(out, 0, dim * sizeof(float));
  const float* dense = wv.storage().dense();
  if (dense) {
    const auto add = kernels::accumulate_kernel(kernels::RowType::F32);
    for (size_t j = 0; j < std::min(kNgramAhead, rows.size()); j++) prefetch_row(dense + rows[j] * dim, dim);
    for (size_t j = 0; j < rows.size(); j++) {
      if (j + kNgramAhead < rows.size()) prefetch_row(dense + rows[j + kNgramAhead] * dim, dim);
      add(dense + rows[j] * dim, 1.0f, out, dim);
    }
  } else {
    for (uint64_t r : rows) wv.storage().add_row(r, out);
  }
  const double n = kernels::l2_norm(out, dim);
  if (n > 0) kernels::scale(out, static_cast<float>(1.0 / n), dim);  // a zero sum stays zero
  return true;
}

void lookup_range(const WordVectors& wv, const std::string_view* words, size_t begin, size_t end, float* out, uint32_t* found) {
  const WordTable& table = wv.vocab().table();
  const Storage& storage = wv.storage();
  const float* dense = storage.dense();
  const size_t dim = wv.dim();
  uint64_t ring[32];  // hashes of words [i, i + kSlotAhead]
  std::vector<uint64_t> ngram_rows;
  for (size_t i = begin; i < std::min(end, begin + kSlotAhead); i++) {
    ring[i % 32] = WordTable::hash(words[i]);
    table.prefetch(ring[i % 32]);
  }
  for (size_t i = begin; i < end; i++) {
    if (i + kSlotAhead < end) {
      const uint64_t h = WordTable::hash(words[i + kSlotAhead]);
      ring[(i + kSlotAhead) % 32] = h;
      table.prefetch(h);
    }
    if (dense && i + kRowAhead < end) {
      const uint32_t c = table.candidate(ring[(i + kRowAhead) % 32]);
      if (c != UINT32_MAX) {
        table.prefetch_word(c);
        prefetch_row(dense + static_cast<size_t>(c) * dim, dim);
      }
    }
    float* row = out + i * dim;
    if (auto idx = table.find(words[i], ring[i % 32])) {
      if (dense) std::memcpy(row, dense + *idx * dim, dim * sizeof(float));
      else storage.row(*idx, row);
      found[i] = 1;
    } else if (subword_vector(wv, words[i], row, ngram_rows)) {
      found[i] = 1;
    } else {
      std::memset(row, 0, dim * sizeof(float));
      found[i] = 0;
    }
  }
}

}  // namespace

void lookup_batch(const WordVectors& wv, const std::string_view* words, size_t n, float* out, uint32_t* found, ThreadPool* pool) {
  auto body = [&](size_t begin, size_t end) { lookup_range(wv, words, begin, end, out, found); };
  if (pool && n >= 2048) pool->parallel_for(n, 1024, body);
  else body(0, n);
}

}  // namespace embedkit::vectors
