// The dot products of f32 rows with one query, as inline blocks for the x86 kernels that need them
// (dot_rows_x86.cpp, dot_rows_top_k_x86.cpp). One copy of the arithmetic, so the fused scan's scores are
// the blocked scan's bit for bit: both add the same lanes in the same order.
//
// Include only inside `#if defined(__x86_64__) || defined(_M_X64)`. Each function carries its own target
// attribute (the binary stays baseline) and is always inlined, into callers whose target is the same or
// wider (a caller may add e.g. bmi), so the loops compile as if written in place.
#pragma once
#include <immintrin.h>

#include <cstddef>

namespace embedkit::kernels::x86::dot_block {

#define EK_DOT_AVX2 __attribute__((target("avx2,fma"), always_inline))
#define EK_DOT_AVX512 __attribute__((target("avx512f,avx2,fma"), always_inline))

EK_DOT_AVX2 static inline float hsum256(__m256 v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_movehdup_ps(s));
  return _mm_cvtss_f32(s);
}

EK_DOT_AVX512 static inline float hsum512(__m512 v) {
  // Through memory: GCC 12's 512-bit reduce/extract/cast intrinsics trip -Wmaybe-uninitialized.
  alignas(64) float t[16];
  _mm512_store_ps(t, v);
  return hsum256(_mm256_add_ps(_mm256_load_ps(t), _mm256_load_ps(t + 8)));
}

// out[0..4) = the dot products of the four rows at a, a + dim, a + 2 dim, a + 3 dim with q. Four rows at
// a time so each load of q serves four FMAs (the loop is bound by reading the matrix). The last dim % 8
// products are added one by one after the horizontal sum.
EK_DOT_AVX2 static inline void rows4_avx2(const float* a, size_t dim, const float* q, float* out) {
  const size_t body = dim & ~size_t(7);
  const float* b = a + dim;
  const float* c = b + dim;
  const float* d = c + dim;
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
  out[0] = ta;
  out[1] = tb;
  out[2] = tc;
  out[3] = td;
}

// One row, the same additions as one lane of rows4_avx2.
EK_DOT_AVX2 static inline float row_avx2(const float* a, size_t dim, const float* q) {
  const size_t body = dim & ~size_t(7);
  __m256 s = _mm256_setzero_ps();
  for (size_t i = 0; i < body; i += 8) s = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(q + i), s);
  float t = hsum256(s);
  for (size_t i = body; i < dim; i++) t += a[i] * q[i];
  return t;
}

// The lanes of a row's last dim % 16 floats (0: none). Masked loads never touch bytes past the row.
EK_DOT_AVX512 static inline __mmask16 tail_mask_avx512(size_t dim) {
  return static_cast<__mmask16>((1u << (dim & 15)) - 1);
}

// As rows4_avx2 with 16 lanes; the last dim % 16 products go in one more masked FMA.
EK_DOT_AVX512 static inline void rows4_avx512(const float* a, size_t dim, const float* q, float* out) {
  const size_t body = dim & ~size_t(15);
  const __mmask16 tail = tail_mask_avx512(dim);
  const float* b = a + dim;
  const float* c = b + dim;
  const float* d = c + dim;
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
  out[0] = hsum512(sa);
  out[1] = hsum512(sb);
  out[2] = hsum512(sc);
  out[3] = hsum512(sd);
}

// One row, the same additions as one lane of rows4_avx512.
EK_DOT_AVX512 static inline float row_avx512(const float* a, size_t dim, const float* q) {
  const size_t body = dim & ~size_t(15);
  const __mmask16 tail = tail_mask_avx512(dim);
  __m512 s = _mm512_setzero_ps();
  for (size_t i = 0; i < body; i += 16) s = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(q + i), s);
  if (tail) s = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail, a + body), _mm512_maskz_loadu_ps(tail, q + body), s);
  return hsum512(s);
}

#undef EK_DOT_AVX2
#undef EK_DOT_AVX512

}  // namespace embedkit::kernels::x86::dot_block
