#include "vectors/batch_lookup.h"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "threads/thread_pool.h"
#include "vectors/subword_sum.h"

namespace embedkit::vectors {

namespace {

// A known word's lookup touches four places that miss the cache: its table slot, the offsets of the
// candidate word's bytes, those bytes (to compare), and its matrix row. Each is prefetched at its own
// distance ahead, every stage reading only what an earlier stage prefetched.
constexpr size_t kSlotAhead = 16;    // hash + prefetch the table slot
constexpr size_t kOffsetAhead = 8;   // read the slot: prefetch the candidate's offsets

// Known words: the row (and the word's bytes) this many words ahead. A row is ~20 cache lines; more rows
// in flight than the core's fill buffers hold makes the prefetches themselves stall (measured: 2-8 ahead
// within noise on the bench's running text, whose rows mostly sit in L2/L3).
constexpr size_t kRowAhead = 4;

struct RowLists {
  std::vector<uint64_t> cur, next;  // n-gram rows of the current and the next word
};

// Out of line on purpose: a thread_local named in the loop (even through a reference) is re-derived at
// each use, which in a shared library is a call to __tls_get_addr per word (~10% of a known lookup).
__attribute__((noinline)) RowLists& row_lists() {
  thread_local RowLists lists;
  return lists;
}

void lookup_range(const WordVectors& wv, const std::string_view* words, size_t begin, size_t end, float* out, uint32_t* found) {
  const Vocab& vocab = wv.vocab();
  const WordTable& table = vocab.table();
  const Storage& storage = wv.storage();
  const float* dense = storage.dense();
  const size_t dim = wv.dim();
  const bool subwords = vocab.subwords() != nullptr;
  uint64_t ring[32];   // hashes of words [i, i + kSlotAhead]
  uint32_t cands[32];  // slot candidates of words [i, i + kOffsetAhead]
  for (size_t i = begin; i < std::min(end, begin + kSlotAhead); i++) {
    ring[i % 32] = WordTable::hash(words[i]);
    table.prefetch(ring[i % 32]);
  }
  for (size_t i = begin; i < std::min(end, begin + kOffsetAhead); i++) cands[i % 32] = UINT32_MAX;
  // Each word is looked up one word early, so an unknown word's n-gram rows are known (and prefetched,
  // as the continuation of the current word's rows) before its turn.
  RowLists& lists = row_lists();
  std::vector<uint64_t>& cur_rows = lists.cur;
  std::vector<uint64_t>& next_rows = lists.next;
  auto look = [&](size_t i, std::vector<uint64_t>& rows) -> std::optional<size_t> {
    rows.clear();
    auto idx = table.find(words[i], ring[i % 32]);
    if (!idx && subwords) vocab.subword_rows(words[i], rows);
    return idx;
  };
  std::optional<size_t> cur = begin < end ? look(begin, cur_rows) : std::nullopt;
  bool cur_prefetched = false;
  for (size_t i = begin; i < end; i++) {
    if (i + kSlotAhead < end) {
      const uint64_t h = WordTable::hash(words[i + kSlotAhead]);
      ring[(i + kSlotAhead) % 32] = h;
      table.prefetch(h);
    }
    if (i + kOffsetAhead < end) {
      const uint32_t c = table.candidate(ring[(i + kOffsetAhead) % 32]);
      cands[(i + kOffsetAhead) % 32] = c;
      if (c != UINT32_MAX && WordTable::reads_arena(words[i + kOffsetAhead].size())) table.prefetch_offsets(c);
    }
    if (i + kRowAhead < end) {
      const uint32_t c = cands[(i + kRowAhead) % 32];
      if (c != UINT32_MAX) {
        if (WordTable::reads_arena(words[i + kRowAhead].size())) table.prefetch_word(c);
        if (dense) prefetch_row(dense + static_cast<size_t>(c) * dim, dim);
      }
    }
    std::optional<size_t> next = i + 1 < end ? look(i + 1, next_rows) : std::nullopt;
    float* row = out + i * dim;
    if (cur) {
      if (dense) std::memcpy(row, dense + *cur * dim, dim * sizeof(float));
      else storage.row(*cur, row);
      found[i] = 1;
    } else if (!cur_rows.empty()) {
      subword_vector(storage, cur_rows.data(), cur_rows.size(), row, next_rows.data(), next_rows.size(), cur_prefetched);
      found[i] = 1;
    } else {
      std::memset(row, 0, dim * sizeof(float));
      found[i] = 0;
    }
    // The next word's first n-gram rows were prefetched above only if this word summed rows.
    cur_prefetched = !cur && !cur_rows.empty() && dense;
    std::swap(cur_rows, next_rows);
    cur = next;
  }
}

}  // namespace

void lookup_batch(const WordVectors& wv, const std::string_view* words, size_t n, float* out, uint32_t* found, ThreadPool* pool) {
  auto body = [&](size_t begin, size_t end) { lookup_range(wv, words, begin, end, out, found); };
  if (pool && n >= 2048) pool->parallel_for(n, 1024, body);
  else body(0, n);
}

}  // namespace embedkit::vectors
