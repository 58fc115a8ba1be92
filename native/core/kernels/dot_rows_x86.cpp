// x86 versions of dot_rows, compiled with per-function target attributes (the binary stays baseline).
#include "kernels/dot_rows.h"

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>

namespace embedkit::kernels::x86 {

#define EK_AVX2 __attribute__((target("avx2,fma")))
#define EK_AVX512 __attribute__((target("avx512f,avx2,fma")))

namespace {

EK_AVX2 inline float hsum256(__m256 v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_movehdup_ps(s));
  return _mm_cvtss_f32(s);
}

EK_AVX512 inline float hsum512(__m512 v) {
  // Through memory: GCC 12's 512-bit reduce/extract/cast intrinsics trip -Wmaybe-uninitialized.
  alignas(64) float t[16];
  _mm512_store_ps(t, v);
  return hsum256(_mm256_add_ps(_mm256_load_ps(t), _mm256_load_ps(t + 8)));
}

}  // namespace

// Four rows at a time so each load of q serves four FMAs (the loop is bound by reading the matrix).
EK_AVX2 void dot_rows_avx2(const float* mat, size_t rows, size_t dim, const float* q, float* out) {
  size_t r = 0;
  const size_t body = dim & ~size_t(7);
  for (; r + 4 <= rows; r += 4) {
    const float* a = mat + r * dim;
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
    out[r] = ta;
    out[r + 1] = tb;
    out[r + 2] = tc;
    out[r + 3] = td;
  }
  for (; r < rows; r++) {
    const float* a = mat + r * dim;
    __m256 s = _mm256_setzero_ps();
    for (size_t i = 0; i < body; i += 8) s = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(q + i), s);
    float t = hsum256(s);
    for (size_t i = body; i < dim; i++) t += a[i] * q[i];
    out[r] = t;
  }
}

EK_AVX512 void dot_rows_avx512(const float* mat, size_t rows, size_t dim, const float* q, float* out) {
  const size_t body = dim & ~size_t(15);
  const __mmask16 tail_mask = static_cast<__mmask16>((1u << (dim - body)) - 1);
  size_t r = 0;
  for (; r + 4 <= rows; r += 4) {
    const float* a = mat + r * dim;
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
    if (tail_mask) {  // masked loads never touch bytes past the row
      __m512 x = _mm512_maskz_loadu_ps(tail_mask, q + body);
      sa = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail_mask, a + body), x, sa);
      sb = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail_mask, b + body), x, sb);
      sc = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail_mask, c + body), x, sc);
      sd = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail_mask, d + body), x, sd);
    }
    out[r] = hsum512(sa);
    out[r + 1] = hsum512(sb);
    out[r + 2] = hsum512(sc);
    out[r + 3] = hsum512(sd);
  }
  for (; r < rows; r++) {
    const float* a = mat + r * dim;
    __m512 s = _mm512_setzero_ps();
    for (size_t i = 0; i < body; i += 16) s = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(q + i), s);
    if (tail_mask) s = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail_mask, a + body), _mm512_maskz_loadu_ps(tail_mask, q + body), s);
    out[r] = hsum512(s);
  }
}

}  // namespace embedkit::kernels::x86

#else  // not x86: the dispatcher never picks these; forward to the portable loop.

namespace embedkit::kernels::x86 {
void dot_rows_avx2(const float* mat, size_t rows, size_t dim, const float* q, float* out) { scalar::dot_rows(mat, rows, dim, q, out); }
void dot_rows_avx512(const float* mat, size_t rows, size_t dim, const float* q, float* out) { scalar::dot_rows(mat, rows, dim, q, out); }
}  // namespace embedkit::kernels::x86

#endif
