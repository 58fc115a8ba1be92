// x86 versions of the fused scan (kernels/dot_rows_top_k.h), with per-function target attributes so the
// binary stays baseline. The dot products repeat dot_rows_x86.cpp's arithmetic lane for lane.
#include "kernels/dot_rows_top_k.h"

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>

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

EK_AVX2 inline float hsum256(__m256 v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_movehdup_ps(s));
  return _mm_cvtss_f32(s);
}

EK_AVX512 inline float hsum512(__m512 v) {
  alignas(64) float t[16];  // through memory, as dot_rows_x86.cpp (same additions, same result)
  _mm512_store_ps(t, v);
  return hsum256(_mm256_add_ps(_mm256_load_ps(t), _mm256_load_ps(t + 8)));
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

}  // namespace

EK_AVX512 float dot_rows_top_k_avx512(const float* mat, size_t rows, size_t dim, const float* q, const float* row_scale,
                                      uint32_t first_row, float threshold, CandidateSink sink) {
  const size_t body = dim & ~size_t(15);
  const __mmask16 tail = static_cast<__mmask16>((1u << (dim - body)) - 1);
  const uintptr_t end = reinterpret_cast<uintptr_t>(mat + rows * dim);
  alignas(64) float s[16] = {};
  for (size_t g = 0; g < rows; g += 16) {
    const size_t n = rows - g < 16 ? rows - g : 16;
    size_t r = 0;
    for (; r + 4 <= n; r += 4) {
      const float* a = mat + (g + r) * dim;
      const float* b = a + dim;
      const float* c = b + dim;
      const float* d = c + dim;
      prefetch_span(a, 4 * dim * sizeof(float), end);
      __m512 sa = _mm512_setzero_ps(), sb = _mm512_setzero_ps(), sc = _mm512_setzero_ps(), sd = _mm512_setzero_ps();
      for (size_t i = 0; i < body; i += 16) {
        __m512 x = _mm512_loadu_ps(q + i);
        sa = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), x, sa);
        sb = _mm512_fmadd_ps(_mm512_loadu_ps(b + i), x, sb);
        sc = _mm512_fmadd_ps(_mm512_loadu_ps(c + i), x, sc);
        sd = _mm512_fmadd_ps(_mm512_loadu_ps(d + i), x, sd);
      }
      if (tail) {
        __m512 x = _mm512_maskz_loadu_ps(tail, q + body);
        sa = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail, a + body), x, sa);
        sb = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail, b + body), x, sb);
        sc = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail, c + body), x, sc);
        sd = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail, d + body), x, sd);
      }
      s[r] = hsum512(sa);
      s[r + 1] = hsum512(sb);
      s[r + 2] = hsum512(sc);
      s[r + 3] = hsum512(sd);
    }
    for (; r < n; r++) {
      const float* a = mat + (g + r) * dim;
      __m512 sa = _mm512_setzero_ps();
      for (size_t i = 0; i < body; i += 16) sa = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(q + i), sa);
      if (tail) sa = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail, a + body), _mm512_maskz_loadu_ps(tail, q + body), sa);
      s[r] = hsum512(sa);
    }
    const __mmask16 valid = static_cast<__mmask16>(n == 16 ? 0xFFFFu : (1u << n) - 1);
    __m512 v = _mm512_load_ps(s);
    if (row_scale) v = _mm512_mul_ps(v, _mm512_maskz_loadu_ps(valid, row_scale + g));
    const __mmask16 m = static_cast<__mmask16>(
        (_mm512_cmp_ps_mask(v, _mm512_set1_ps(threshold), _CMP_GE_OQ) | _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q)) & valid);
    if (m) {
      _mm512_store_ps(s, v);
      threshold = report(m, s, first_row + static_cast<uint32_t>(g), threshold, sink);
    }
  }
  return threshold;
}

EK_AVX512 float scores_top_k_avx512(const float* scores, size_t n, const float* row_scale, uint32_t first_row, float threshold,
                                    CandidateSink sink) {
  alignas(64) float s[16];
  for (size_t j = 0; j < n; j += 16) {
    const __mmask16 valid = static_cast<__mmask16>(n - j >= 16 ? 0xFFFFu : (1u << (n - j)) - 1);
    __m512 v = _mm512_maskz_loadu_ps(valid, scores + j);
    if (row_scale) v = _mm512_mul_ps(v, _mm512_maskz_loadu_ps(valid, row_scale + j));
    const __mmask16 m = static_cast<__mmask16>(
        (_mm512_cmp_ps_mask(v, _mm512_set1_ps(threshold), _CMP_GE_OQ) | _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q)) & valid);
    if (m) {
      _mm512_store_ps(s, v);
      threshold = report(m, s, first_row + static_cast<uint32_t>(j), threshold, sink);
    }
  }
  return threshold;
}

EK_AVX2 float dot_rows_top_k_avx2(const float* mat, size_t rows, size_t dim, const float* q, const float* row_scale,
                                  uint32_t first_row, float threshold, CandidateSink sink) {
  const size_t body = dim & ~size_t(7);
  const uintptr_t end = reinterpret_cast<uintptr_t>(mat + rows * dim);
  alignas(32) float s[8] = {};
  for (size_t g = 0; g < rows; g += 8) {
    const size_t n = rows - g < 8 ? rows - g : 8;
    size_t r = 0;
    for (; r + 4 <= n; r += 4) {
      const float* a = mat + (g + r) * dim;
      const float* b = a + dim;
      const float* c = b + dim;
      const float* d = c + dim;
      prefetch_span(a, 4 * dim * sizeof(float), end);
      __m256 sa = _mm256_setzero_ps(), sb = _mm256_setzero_ps(), sc = _mm256_setzero_ps(), sd = _mm256_setzero_ps();
      for (size_t i = 0; i < body; i += 8) {
        __m256 x = _mm256_loadu_ps(q + i);
        sa = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), x, sa);
        sb = _mm256_fmadd_ps(_mm256_loadu_ps(b + i), x, sb);
        sc = _mm256_fmadd_ps(_mm256_loadu_ps(c + i), x, sc);
        sd = _mm256_fmadd_ps(_mm256_loadu_ps(d + i), x, sd);
      }
      float ta = hsum256(sa), tb = hsum256(sb), tc = hsum256(sc), td = hsum256(sd);
      for (size_t i = body; i < dim; i++) {
        ta += a[i] * q[i];
        tb += b[i] * q[i];
        tc += c[i] * q[i];
        td += d[i] * q[i];
      }
      s[r] = ta;
      s[r + 1] = tb;
      s[r + 2] = tc;
      s[r + 3] = td;
    }
    for (; r < n; r++) {
      const float* a = mat + (g + r) * dim;
      __m256 sa = _mm256_setzero_ps();
      for (size_t i = 0; i < body; i += 8) sa = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(q + i), sa);
      float t = hsum256(sa);
      for (size_t i = body; i < dim; i++) t += a[i] * q[i];
      s[r] = t;
    }
    const int valid = n == 8 ? 0xFF : (1 << n) - 1;
    __m256 v = _mm256_load_ps(s);
    if (row_scale) {
      alignas(32) float sc[8] = {};
      for (size_t j = 0; j < n; j++) sc[j] = row_scale[g + j];
      v = _mm256_mul_ps(v, _mm256_load_ps(sc));
    }
    const __m256 hit = _mm256_or_ps(_mm256_cmp_ps(v, _mm256_set1_ps(threshold), _CMP_GE_OQ), _mm256_cmp_ps(v, v, _CMP_UNORD_Q));
    const uint32_t m = static_cast<uint32_t>(_mm256_movemask_ps(hit)) & static_cast<uint32_t>(valid);
    if (m) {
      _mm256_store_ps(s, v);
      threshold = report(m, s, first_row + static_cast<uint32_t>(g), threshold, sink);
    }
  }
  return threshold;
}

EK_AVX2 float scores_top_k_avx2(const float* scores, size_t n, const float* row_scale, uint32_t first_row, float threshold,
                                CandidateSink sink) {
  alignas(32) float s[8];
  size_t j = 0;
  for (; j + 8 <= n; j += 8) {
    __m256 v = _mm256_loadu_ps(scores + j);
    if (row_scale) v = _mm256_mul_ps(v, _mm256_loadu_ps(row_scale + j));
    const __m256 hit = _mm256_or_ps(_mm256_cmp_ps(v, _mm256_set1_ps(threshold), _CMP_GE_OQ), _mm256_cmp_ps(v, v, _CMP_UNORD_Q));
    const uint32_t m = static_cast<uint32_t>(_mm256_movemask_ps(hit));
    if (m) {
      _mm256_store_ps(s, v);
      threshold = report(m, s, first_row + static_cast<uint32_t>(j), threshold, sink);
    }
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
