// x86 SIMD versions of the pooling kernels (compiled with per-function target attributes, so the
// rest of the binary stays baseline and runs on any x86-64).
#pragma once
#include <cstddef>
#include <cstdint>

namespace embedkit::kernels::x86 {

bool has_avx2_fma_f16c() noexcept;
bool has_avx512f() noexcept;

void accumulate_f32_avx2(const void* row, float scale, float* acc, size_t dim);
void accumulate_f16_avx2(const void* row, float scale, float* acc, size_t dim);
void accumulate_bf16_avx2(const void* row, float scale, float* acc, size_t dim);
void accumulate_i8_avx2(const void* row, float scale, float* acc, size_t dim);

void accumulate_f32_avx512(const void* row, float scale, float* acc, size_t dim);
void accumulate_f16_avx512(const void* row, float scale, float* acc, size_t dim);
void accumulate_bf16_avx512(const void* row, float scale, float* acc, size_t dim);
void accumulate_i8_avx512(const void* row, float scale, float* acc, size_t dim);

void sum_i8_avx2(const int8_t* const* rows, size_t count, int32_t* acc, size_t dim);
void sum_i8_avx512(const int8_t* const* rows, size_t count, int32_t* acc, size_t dim);
void sum_i8_counted_avx2(const int8_t* const* rows, const uint32_t* times, size_t count, int32_t* acc, size_t dim);
void sum_i8_counted_avx512(const int8_t* const* rows, const uint32_t* times, size_t count, int32_t* acc, size_t dim);
double sum_squares_i32_avx512(const int32_t* acc, size_t dim);
void scale_i32_avx512(const int32_t* acc, float s, float* out, size_t dim);

}  // namespace embedkit::kernels::x86
