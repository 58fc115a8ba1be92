// x86 versions of dot_rows, compiled with per-function target attributes (the binary stays baseline).
#include "kernels/dot_rows.h"

#if defined(__x86_64__) || defined(_M_X64)
#include "kernels/dot_block_x86.h"

namespace embedkit::kernels::x86 {

#define EK_AVX2 __attribute__((target("avx2,fma")))
#define EK_AVX512 __attribute__((target("avx512f,avx2,fma")))

// Four rows at a time, then one by one (the blocks live in dot_block_x86.h, shared with the fused scan).
EK_AVX2 void dot_rows_avx2(const float* mat, size_t rows, size_t dim, const float* q, float* out) {
  size_t r = 0;
  for (; r + 4 <= rows; r += 4) dot_block::rows4_avx2(mat + r * dim, dim, q, out + r);
  for (; r < rows; r++) out[r] = dot_block::row_avx2(mat + r * dim, dim, q);
}

EK_AVX512 void dot_rows_avx512(const float* mat, size_t rows, size_t dim, const float* q, float* out) {
  size_t r = 0;
  for (; r + 4 <= rows; r += 4) dot_block::rows4_avx512(mat + r * dim, dim, q, out + r);
  for (; r < rows; r++) out[r] = dot_block::row_avx512(mat + r * dim, dim, q);
}

}  // namespace embedkit::kernels::x86

#else  // not x86: the dispatcher never picks these; forward to the portable loop.

namespace embedkit::kernels::x86 {
void dot_rows_avx2(const float* mat, size_t rows, size_t dim, const float* q, float* out) { scalar::dot_rows(mat, rows, dim, q, out); }
void dot_rows_avx512(const float* mat, size_t rows, size_t dim, const float* q, float* out) { scalar::dot_rows(mat, rows, dim, q, out); }
}  // namespace embedkit::kernels::x86

#endif
