#include "kernels/pooling_x86.h"

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>

#include <cstdint>

#include "kernels/pooling_scalar.h"

namespace embedkit::kernels::x86 {

bool has_avx2_fma_f16c() noexcept {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
}

bool has_avx512f() noexcept {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && has_avx2_fma_f16c();
}

#define EK_AVX2 __attribute__((target("avx2,fma,f16c")))
#define EK_AVX512 __attribute__((target("avx512f,avx2,fma,f16c")))

EK_AVX2 void accumulate_f32_avx2(const void* row, float scale, float* acc, size_t dim) {
  const float* p = static_cast<const float*>(row);
  const __m256 s = _mm256_set1_ps(scale);
  size_t i = 0;
  for (; i + 8 <= dim; i += 8)
    _mm256_storeu_ps(acc + i, _mm256_fmadd_ps(s, _mm256_loadu_ps(p + i), _mm256_loadu_ps(acc + i)));
  if (i < dim) scalar::accumulate_f32(p + i, scale, acc + i, dim - i);
}

EK_AVX2 void accumulate_f16_avx2(const void* row, float scale, float* acc, size_t dim) {
  const auto* p = static_cast<const uint16_t*>(row);
  const __m256 s = _mm256_set1_ps(scale);
  size_t i = 0;
  for (; i + 8 <= dim; i += 8) {
    __m256 x = _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)));
    _mm256_storeu_ps(acc + i, _mm256_fmadd_ps(s, x, _mm256_loadu_ps(acc + i)));
  }
  if (i < dim) scalar::accumulate_f16(p + i, scale, acc + i, dim - i);
}

EK_AVX2 void accumulate_bf16_avx2(const void* row, float scale, float* acc, size_t dim) {
  const auto* p = static_cast<const uint16_t*>(row);
  const __m256 s = _mm256_set1_ps(scale);
  size_t i = 0;
  for (; i + 8 <= dim; i += 8) {
    __m256i wide = _mm256_cvtepu16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)));
    __m256 x = _mm256_castsi256_ps(_mm256_slli_epi32(wide, 16));
    _mm256_storeu_ps(acc + i, _mm256_fmadd_ps(s, x, _mm256_loadu_ps(acc + i)));
  }
  if (i < dim) scalar::accumulate_bf16(p + i, scale, acc + i, dim - i);
}

EK_AVX2 void accumulate_i8_avx2(const void* row, float scale, float* acc, size_t dim) {
  const auto* p = static_cast<const int8_t*>(row);
  const __m256 s = _mm256_set1_ps(scale);
  size_t i = 0;
  for (; i + 8 <= dim; i += 8) {
    __m256i wide = _mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p + i)));
    __m256 x = _mm256_cvtepi32_ps(wide);
    _mm256_storeu_ps(acc + i, _mm256_fmadd_ps(s, x, _mm256_loadu_ps(acc + i)));
  }
  if (i < dim) scalar::accumulate_i8(p + i, scale, acc + i, dim - i);
}

EK_AVX512 void accumulate_f32_avx512(const void* row, float scale, float* acc, size_t dim) {
  const float* p = static_cast<const float*>(row);
  const __m512 s = _mm512_set1_ps(scale);
  size_t i = 0;
  for (; i + 16 <= dim; i += 16)
    _mm512_storeu_ps(acc + i, _mm512_fmadd_ps(s, _mm512_loadu_ps(p + i), _mm512_loadu_ps(acc + i)));
  if (i < dim) accumulate_f32_avx2(p + i, scale, acc + i, dim - i);
}

EK_AVX512 void accumulate_f16_avx512(const void* row, float scale, float* acc, size_t dim) {
  const auto* p = static_cast<const uint16_t*>(row);
  const __m512 s = _mm512_set1_ps(scale);
  size_t i = 0;
  for (; i + 16 <= dim; i += 16) {
    __m512 x = _mm512_cvtph_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i)));
    _mm512_storeu_ps(acc + i, _mm512_fmadd_ps(s, x, _mm512_loadu_ps(acc + i)));
  }
  if (i < dim) accumulate_f16_avx2(p + i, scale, acc + i, dim - i);
}

EK_AVX512 void accumulate_bf16_avx512(const void* row, float scale, float* acc, size_t dim) {
  const auto* p = static_cast<const uint16_t*>(row);
  const __m512 s = _mm512_set1_ps(scale);
  size_t i = 0;
  for (; i + 16 <= dim; i += 16) {
    __m512i wide = _mm512_cvtepu16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i)));
    __m512 x = _mm512_castsi512_ps(_mm512_slli_epi32(wide, 16));
    _mm512_storeu_ps(acc + i, _mm512_fmadd_ps(s, x, _mm512_loadu_ps(acc + i)));
  }
  if (i < dim) accumulate_bf16_avx2(p + i, scale, acc + i, dim - i);
}

EK_AVX512 void accumulate_i8_avx512(const void* row, float scale, float* acc, size_t dim) {
  const auto* p = static_cast<const int8_t*>(row);
  const __m512 s = _mm512_set1_ps(scale);
  size_t i = 0;
  for (; i + 16 <= dim; i += 16) {
    __m512 x = _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i))));
    _mm512_storeu_ps(acc + i, _mm512_fmadd_ps(s, x, _mm512_loadu_ps(acc + i)));
  }
  if (i < dim) accumulate_i8_avx2(p + i, scale, acc + i, dim - i);
}

namespace {

// The dims past the last whole register block of the sum_i8* kernels, one at a time: acc[d..dim) = sum
// of times[t] * rows[t][d] (times == nullptr: each row once). Integer sums are exact, so the order is free.
void sum_i8_tail(const int8_t* const* rows, const uint32_t* times, size_t count, int32_t* acc, size_t d, size_t dim) {
  for (; d < dim; d++) {
    int32_t s = 0;
    for (size_t t = 0; t < count; t++) s += (times ? static_cast<int32_t>(times[t]) : 1) * rows[t][d];
    acc[d] = s;
  }
}

}  // namespace

// Dims in blocks held in registers (4 accumulators), tokens inner: each row line is read once, and a
// token costs one load, four sign extensions and four adds per block.
EK_AVX2 void sum_i8_avx2(const int8_t* const* rows, size_t count, int32_t* acc, size_t dim) {
  size_t d = 0;
  for (; d + 32 <= dim; d += 32) {
    __m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0;
    for (size_t t = 0; t < count; t++) {
      const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(rows[t] + d));
      const __m128i lo = _mm256_castsi256_si128(x), hi = _mm256_extracti128_si256(x, 1);
      a0 = _mm256_add_epi32(a0, _mm256_cvtepi8_epi32(lo));
      a1 = _mm256_add_epi32(a1, _mm256_cvtepi8_epi32(_mm_srli_si128(lo, 8)));
      a2 = _mm256_add_epi32(a2, _mm256_cvtepi8_epi32(hi));
      a3 = _mm256_add_epi32(a3, _mm256_cvtepi8_epi32(_mm_srli_si128(hi, 8)));
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(acc + d), a0);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(acc + d + 8), a1);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(acc + d + 16), a2);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(acc + d + 24), a3);
  }
  sum_i8_tail(rows, nullptr, count, acc, d, dim);
}

EK_AVX512 void sum_i8_avx512(const int8_t* const* rows, size_t count, int32_t* acc, size_t dim) {
  size_t d = 0;
  for (; d + 64 <= dim; d += 64) {
    __m512i a0 = _mm512_setzero_si512(), a1 = a0, a2 = a0, a3 = a0;
    for (size_t t = 0; t < count; t++) {
      const int8_t* p = rows[t] + d;
      a0 = _mm512_add_epi32(a0, _mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))));
      a1 = _mm512_add_epi32(a1, _mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16))));
      a2 = _mm512_add_epi32(a2, _mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 32))));
      a3 = _mm512_add_epi32(a3, _mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 48))));
    }
    _mm512_storeu_si512(acc + d, a0);
    _mm512_storeu_si512(acc + d + 16, a1);
    _mm512_storeu_si512(acc + d + 32, a2);
    _mm512_storeu_si512(acc + d + 48, a3);
  }
  sum_i8_tail(rows, nullptr, count, acc, d, dim);
}

// As sum_i8_*, with one multiply per row block by the row's repeat count.
EK_AVX2 void sum_i8_counted_avx2(const int8_t* const* rows, const uint32_t* times, size_t count, int32_t* acc, size_t dim) {
  size_t d = 0;
  for (; d + 16 <= dim; d += 16) {
    __m256i a0 = _mm256_setzero_si256(), a1 = a0;
    for (size_t t = 0; t < count; t++) {
      const __m256i k = _mm256_set1_epi32(static_cast<int32_t>(times[t]));
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rows[t] + d));
      a0 = _mm256_add_epi32(a0, _mm256_mullo_epi32(k, _mm256_cvtepi8_epi32(x)));
      a1 = _mm256_add_epi32(a1, _mm256_mullo_epi32(k, _mm256_cvtepi8_epi32(_mm_srli_si128(x, 8))));
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(acc + d), a0);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(acc + d + 8), a1);
  }
  sum_i8_tail(rows, times, count, acc, d, dim);
}

EK_AVX512 void sum_i8_counted_avx512(const int8_t* const* rows, const uint32_t* times, size_t count, int32_t* acc, size_t dim) {
  size_t d = 0;
  for (; d + 64 <= dim; d += 64) {
    __m512i a0 = _mm512_setzero_si512(), a1 = a0, a2 = a0, a3 = a0;
    for (size_t t = 0; t < count; t++) {
      const int8_t* p = rows[t] + d;
      const __m512i k = _mm512_set1_epi32(static_cast<int32_t>(times[t]));
      a0 = _mm512_add_epi32(a0, _mm512_mullo_epi32(k, _mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)))));
      a1 = _mm512_add_epi32(a1, _mm512_mullo_epi32(k, _mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16)))));
      a2 = _mm512_add_epi32(a2, _mm512_mullo_epi32(k, _mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 32)))));
      a3 = _mm512_add_epi32(a3, _mm512_mullo_epi32(k, _mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 48)))));
    }
    _mm512_storeu_si512(acc + d, a0);
    _mm512_storeu_si512(acc + d + 16, a1);
    _mm512_storeu_si512(acc + d + 32, a2);
    _mm512_storeu_si512(acc + d + 48, a3);
  }
  sum_i8_tail(rows, times, count, acc, d, dim);
}

EK_AVX512 double sum_squares_i32_avx512(const int32_t* acc, size_t dim) {
  __m512d s0 = _mm512_setzero_pd(), s1 = s0;
  size_t i = 0;
  for (; i + 16 <= dim; i += 16) {
    const __m512i x = _mm512_loadu_si512(acc + i);
    const __m512d lo = _mm512_cvtepi32_pd(_mm512_castsi512_si256(x));
    const __m512d hi = _mm512_cvtepi32_pd(_mm512_extracti64x4_epi64(x, 1));
    s0 = _mm512_fmadd_pd(lo, lo, s0);
    s1 = _mm512_fmadd_pd(hi, hi, s1);
  }
  double s = _mm512_reduce_add_pd(_mm512_add_pd(s0, s1));
  for (; i < dim; i++) s += static_cast<double>(acc[i]) * acc[i];
  return s;
}

EK_AVX512 void scale_i32_avx512(const int32_t* acc, float s, float* out, size_t dim) {
  const __m512 k = _mm512_set1_ps(s);
  size_t i = 0;
  for (; i + 16 <= dim; i += 16)
    _mm512_storeu_ps(out + i, _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_loadu_si512(acc + i)), k));
  for (; i < dim; i++) out[i] = static_cast<float>(acc[i]) * s;
}

}  // namespace embedkit::kernels::x86

#else  // not x86-64: nothing to dispatch to

namespace embedkit::kernels::x86 {
bool has_avx2_fma_f16c() noexcept { return false; }
bool has_avx512f() noexcept { return false; }
void accumulate_f32_avx2(const void*, float, float*, size_t) {}
void accumulate_f16_avx2(const void*, float, float*, size_t) {}
void accumulate_bf16_avx2(const void*, float, float*, size_t) {}
void accumulate_i8_avx2(const void*, float, float*, size_t) {}
void accumulate_f32_avx512(const void*, float, float*, size_t) {}
void accumulate_f16_avx512(const void*, float, float*, size_t) {}
void accumulate_bf16_avx512(const void*, float, float*, size_t) {}
void accumulate_i8_avx512(const void*, float, float*, size_t) {}
void sum_i8_avx2(const int8_t* const*, size_t, int32_t*, size_t) {}
void sum_i8_avx512(const int8_t* const*, size_t, int32_t*, size_t) {}
void sum_i8_counted_avx2(const int8_t* const*, const uint32_t*, size_t, int32_t*, size_t) {}
void sum_i8_counted_avx512(const int8_t* const*, const uint32_t*, size_t, int32_t*, size_t) {}
double sum_squares_i32_avx512(const int32_t*, size_t) { return 0; }
void scale_i32_avx512(const int32_t*, float, float*, size_t) {}
}  // namespace embedkit::kernels::x86

#endif
