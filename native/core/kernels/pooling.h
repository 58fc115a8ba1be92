// Kernels for pooling rows into a sentence vector: acc += scale * row (any stored type), scaling,
// L2 norms. One binary picks the widest instruction set the CPU has at run time (AVX-512, AVX2, or a
// portable loop the compiler vectorizes for the baseline / NEON).
#pragma once
#include <cstddef>
#include <cstdint>

#include "kernels/row_types.h"

namespace embedkit::kernels {

// acc[0..dim) += scale * row[0..dim), with row stored as `type`. Rows need no particular alignment.
using AccumulateFn = void (*)(const void* row, float scale, float* acc, size_t dim);

AccumulateFn accumulate_kernel(RowType type) noexcept;

// Widens one row to f32 (for per-token outputs).
void widen_row(RowType type, const void* row, float scale, float* out, size_t dim) noexcept;

// acc[0..dim) = sum of rows[0..count)[0..dim), int8 rows summed exactly in int32 (count <= 16M).
// Unweighted int8 pooling: the float path sums the same integers exactly too, so results are identical.
using SumI8Fn = void (*)(const int8_t* const* rows, size_t count, int32_t* acc, size_t dim);
SumI8Fn sum_i8_kernel() noexcept;
// acc[0..dim) = sum of times[t] * rows[t][0..dim), exact in int32 (sum of times * 127 < 2^31): long texts
// repeat tokens (a 506-token email has about 160 distinct ones), so each distinct row is read once.
using SumI8CountedFn = void (*)(const int8_t* const* rows, const uint32_t* times, size_t count, int32_t* acc, size_t dim);
SumI8CountedFn sum_i8_counted_kernel() noexcept;
// out = acc * s, where s = 1 / sqrt(sum acc^2) when `normalize` (1 for an all-zero acc), else s = inv_count.
// The square sum is exact (integers below 2^53 in double), so the order of the adds does not matter.
void finish_i32(const int32_t* acc, float* out, size_t dim, bool normalize, float inv_count) noexcept;

void scale(float* v, float s, size_t dim) noexcept;

// sqrt(sum v^2), accumulated in double so long vectors lose no precision.
double l2_norm(const float* v, size_t dim) noexcept;

// "avx512", "avx2" or "baseline": what the dispatcher chose on this CPU.
const char* simd_level() noexcept;

}  // namespace embedkit::kernels
