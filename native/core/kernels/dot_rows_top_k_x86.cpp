// x86 versions of the fused scan (kernels/dot_rows_top_k.h), with per-function target attributes so the
// binary stays baseline. The dot products are dot_rows_x86.cpp's (the shared blocks of dot_block_x86.h),
// so the fused scan and the blocked scan give the same scores bit for bit.
#include "kernels/dot_rows_top_k.h"

#if defined(__x86_64__) || defined(_M_X64)
#include "kernels/dot_block_x86.h"

namespace embedkit::kernels::x86 {

#define EK_AVX2 __attribute__((target("avx2,fma,bmi")))
#define EK_AVX512 __attribute__((target("avx512f,avx2,fma,bmi")))

namespace {

// How far ahead of the rows being read the scan prefetches. The hardware streamer stops at 4 KiB page
// boundaries and needs a few misses to restart; a software prefetch this far ahead keeps the next page's
// lines in flight. Prefetches past the end are skipped (they would be harmless, but the address is not).
constexpr size_t kPrefetchBytes = 2048;

inline void prefetch_span(const float* from, size_t bytes, uintptr_t end) {
  const uintptr_t start = reinterpret_cast<uintptr_t>(from) + kPrefetchBytes;
  const uintptr_t stop = start + bytes < end ? start + bytes : end;
  for (uintptr_t p = start; p < stop; p += 64) _mm_prefetch(reinterpret_cast<const char*>(p), _MM_HINT_T0);
}

// Reports the lanes of `m` (scores in s[]) to the sink; returns the new threshold.
inline float report(uint32_t m, const float* s, uint32_t first, float threshold, CandidateSink sink) {
  while (m) {
    const unsigned j = static_cast<unsigned>(__builtin_ctz(m));
    threshold = sink.push(sink.ctx, s[j], first + j);
    m &= m - 1;
  }
  return threshold;
}

// The filter of both AVX-512 scans: the `valid` lanes of v (scaled by row_scale[0..16) when given) that
// reach the threshold, or are NaN, go to the sink.
EK_AVX512 __attribute__((always_inline)) inline float filter16(__m512 v, __mmask16 valid, const float* row_scale, uint32_t first, float threshold,
                                CandidateSink sink) {
  if (row_scale) v = _mm512_mul_ps(v, _mm512_maskz_loadu_ps(valid, row_scale));
  const __mmask16 m = static_cast<__mmask16>(
      (_mm512_cmp_ps_mask(v, _mm512_set1_ps(threshold), _CMP_GE_OQ) | _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q)) & valid);
  if (!m) return threshold;
  alignas(64) float s[16];
  _mm512_store_ps(s, v);
  return report(m, s, first, threshold, sink);
}

// The filter of both AVX2 scans, on scores already scaled (the two load their scales differently).
EK_AVX2 __attribute__((always_inline)) inline float filter8(__m256 v, uint32_t valid, uint32_t first, float threshold, CandidateSink sink) {
  const __m256 hit = _mm256_or_ps(_mm256_cmp_ps(v, _mm256_set1_ps(threshold), _CMP_GE_OQ), _mm256_cmp_ps(v, v, _CMP_UNORD_Q));
  const uint32_t m = static_cast<uint32_t>(_mm256_movemask_ps(hit)) & valid;
  if (!m) return threshold;
  alignas(32) float s[8];
  _mm256_store_ps(s, v);
  return report(m, s, first, threshold, sink);
}

}  // namespace

// Rows in groups of one vector of scores (16 here, 8 for AVX2): dot products four rows at a time, the
// next rows prefetched, then the group's scores filtered at once.
EK_AVX512 float dot_rows_top_k_avx512(const float* mat, size_t rows, size_t dim, const float* q, const float* row_scale,
                                      uint32_t first_row, float threshold, CandidateSink sink) {
  const uintptr_t end = reinterpret_cast<uintptr_t>(mat + rows * dim);
  alignas(64) float s[16] = {};
  for (size_t g = 0; g < rows; g += 16) {
    const size_t n = rows - g < 16 ? rows - g : 16;
    size_t r = 0;
    for (; r + 4 <= n; r += 4) {
      const float* a = mat + (g + r) * dim;
      prefetch_span(a, 4 * dim * sizeof(float), end);
      dot_block::rows4_avx512(a, dim, q, s + r);
    }
    for (; r < n; r++) s[r] = dot_block::row_avx512(mat + (g + r) * dim, dim, q);
    const __mmask16 valid = static_cast<__mmask16>(n == 16 ? 0xFFFFu : (1u << n) - 1);
    threshold = filter16(_mm512_load_ps(s), valid, row_scale ? row_scale + g : nullptr, first_row + static_cast<uint32_t>(g),
                         threshold, sink);
  }
  return threshold;
}

EK_AVX512 float scores_top_k_avx512(const float* scores, size_t n, const float* row_scale, uint32_t first_row, float threshold,
                                    CandidateSink sink) {
  for (size_t j = 0; j < n; j += 16) {
    const __mmask16 valid = static_cast<__mmask16>(n - j >= 16 ? 0xFFFFu : (1u << (n - j)) - 1);
    threshold = filter16(_mm512_maskz_loadu_ps(valid, scores + j), valid, row_scale ? row_scale + j : nullptr,
                         first_row + static_cast<uint32_t>(j), threshold, sink);
  }
  return threshold;
}

EK_AVX2 float dot_rows_top_k_avx2(const float* mat, size_t rows, size_t dim, const float* q, const float* row_scale,
                                  uint32_t first_row, float threshold, CandidateSink sink) {
  const uintptr_t end = reinterpret_cast<uintptr_t>(mat + rows * dim);
  alignas(32) float s[8] = {};
  for (size_t g = 0; g < rows; g += 8) {
    const size_t n = rows - g < 8 ? rows - g : 8;
    size_t r = 0;
    for (; r + 4 <= n; r += 4) {
      const float* a = mat + (g + r) * dim;
      prefetch_span(a, 4 * dim * sizeof(float), end);
      dot_block::rows4_avx2(a, dim, q, s + r);
    }
    for (; r < n; r++) s[r] = dot_block::row_avx2(mat + (g + r) * dim, dim, q);
    __m256 v = _mm256_load_ps(s);
    if (row_scale) {
      alignas(32) float sc[8] = {};
      for (size_t j = 0; j < n; j++) sc[j] = row_scale[g + j];
      v = _mm256_mul_ps(v, _mm256_load_ps(sc));
    }
    const uint32_t valid = n == 8 ? 0xFFu : (1u << n) - 1;
    threshold = filter8(v, valid, first_row + static_cast<uint32_t>(g), threshold, sink);
  }
  return threshold;
}

EK_AVX2 float scores_top_k_avx2(const float* scores, size_t n, const float* row_scale, uint32_t first_row, float threshold,
                                CandidateSink sink) {
  size_t j = 0;
  for (; j + 8 <= n; j += 8) {
    __m256 v = _mm256_loadu_ps(scores + j);
    if (row_scale) v = _mm256_mul_ps(v, _mm256_loadu_ps(row_scale + j));
    threshold = filter8(v, 0xFFu, first_row + static_cast<uint32_t>(j), threshold, sink);
  }
  if (j < n) threshold = scalar::scores_top_k(scores + j, n - j, row_scale ? row_scale + j : nullptr, first_row + static_cast<uint32_t>(j), threshold, sink);
  return threshold;
}

}  // namespace embedkit::kernels::x86

#else  // not x86: the dispatcher never picks these; forward to the portable loop.

namespace embedkit::kernels::x86 {
float dot_rows_top_k_avx2(const float* mat, size_t rows, size_t dim, const float* q, const float* row_scale, uint32_t first_row,
                          float threshold, CandidateSink sink) {
  return scalar::dot_rows_top_k(mat, rows, dim, q, row_scale, first_row, threshold, sink);
}
float dot_rows_top_k_avx512(const float* mat, size_t rows, size_t dim, const float* q, const float* row_scale, uint32_t first_row,
                            float threshold, CandidateSink sink) {
  return scalar::dot_rows_top_k(mat, rows, dim, q, row_scale, first_row, threshold, sink);
}
float scores_top_k_avx2(const float* scores, size_t n, const float* row_scale, uint32_t first_row, float threshold, CandidateSink sink) {
  return scalar::scores_top_k(scores, n, row_scale, first_row, threshold, sink);
}
float scores_top_k_avx512(const float* scores, size_t n, const float* row_scale, uint32_t first_row, float threshold,
                          CandidateSink sink) {
  return scalar::scores_top_k(scores, n, row_scale, first_row, threshold, sink);
}
}  // namespace embedkit::kernels::x86

#endif
