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
}  // namespace embedkit::kernels::x86

#endif
