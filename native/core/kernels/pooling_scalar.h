// Portable versions of the pooling kernels; also the reference the SIMD versions are tested against.
#pragma once
#include <cstddef>
#include <cstdint>

namespace embedkit::kernels::scalar {

void accumulate_f32(const void* row, float scale, float* acc, size_t dim);
void accumulate_f16(const void* row, float scale, float* acc, size_t dim);
void accumulate_bf16(const void* row, float scale, float* acc, size_t dim);
void accumulate_i8(const void* row, float scale, float* acc, size_t dim);
void sum_i8(const int8_t* const* rows, size_t count, int32_t* acc, size_t dim);
void sum_i8_counted(const int8_t* const* rows, const uint32_t* times, size_t count, int32_t* acc, size_t dim);

}  // namespace embedkit::kernels::scalar
