// The vector of a word outside the vocabulary, finalfusion's rule: the sum of its n-gram rows,
// L2-normalized (a zero sum stays zero). One implementation serves one-word and batched lookups, so both
// give the same bits.
#pragma once
#include <cstddef>
#include <cstdint>

#include "vectors/storage.h"

namespace embedkit::vectors {

// sum of v[i]^2 in double, in eight interleaved partial sums (no serial chain of 300 dependent adds).
double sum_squares(const float* v, size_t dim) noexcept;

// Prefetches one dense row (every cache line it touches).
inline void prefetch_row(const float* row, size_t dim) noexcept {
  const uintptr_t begin = reinterpret_cast<uintptr_t>(row) & ~uintptr_t(63);
  const uintptr_t end = reinterpret_cast<uintptr_t>(row + dim);
  for (uintptr_t p = begin; p < end; p += 64) __builtin_prefetch(reinterpret_cast<const void*>(p));
}

// How many n-gram rows ahead of the one being added the sum prefetches (each row is dim * 4 bytes; a
// 300-dim row is 19-20 cache lines, so two rows keep ~40 lines in flight, what one core's fill buffers
// and L2 queue can hold without stalling on the prefetches themselves).
constexpr size_t kNgramRowsAhead = 2;

// out[0..dim) = normalize(sum of storage rows rows[0..n)); returns the norm of the sum (0 for n = 0, out
// zeroed). With dense storage the rows are prefetched ahead, continuing into next[0..next_n) (the rows the
// caller sums next) so the next word's first rows are in flight when this one ends. `first_prefetched`:
// the caller already prefetched rows[0..kNgramRowsAhead).
double subword_vector(const Storage& storage, const uint64_t* rows, size_t n, float* out, const uint64_t* next = nullptr,
                      size_t next_n = 0, bool first_prefetched = false);

}  // namespace embedkit::vectors
