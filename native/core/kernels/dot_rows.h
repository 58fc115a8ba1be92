// out[i] = <mat row i, q> for a block of rows: the inner loop of every similarity query (a GEMV over
// unit rows). Dispatched at run time like the pooling kernels (AVX-512, AVX2, portable loop).
#pragma once
#include <cstddef>

namespace embedkit::kernels {

using DotRowsFn = void (*)(const float* mat, size_t rows, size_t dim, const float* q, float* out);

DotRowsFn dot_rows_kernel() noexcept;

namespace scalar {
void dot_rows(const float* mat, size_t rows, size_t dim, const float* q, float* out);
}
namespace x86 {
void dot_rows_avx2(const float* mat, size_t rows, size_t dim, const float* q, float* out);
void dot_rows_avx512(const float* mat, size_t rows, size_t dim, const float* q, float* out);
}

}  // namespace embedkit::kernels
