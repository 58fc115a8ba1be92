// The similarity scan fused with its top-k: dot products of a query with rows (or scores a GEMM already
// computed) compared against the k-th best score so far, so only the few rows that can still enter the
// top-k leave the SIMD registers. One streaming pass over the matrix, no score buffer, software
// prefetch ahead of the stream. Run-time dispatch like dot_rows (AVX-512, AVX2, portable loop).
//
// Per row the dot product is computed exactly as dot_rows computes it (same lanes, same order), so the
// fused scan and the blocked builtin scan give bit-identical scores.
#pragma once
#include <cstddef>
#include <cstdint>

namespace embedkit::kernels {

// Receives every row whose score is >= threshold (or NaN), in row order, and returns the new threshold:
// the k-th best score held (-inf while fewer than k are held, +inf for k = 0). The caller's top-k breaks
// ties and decides; the kernel only filters. `push` may throw (a NaN score is an error).
struct CandidateSink {
  void* ctx;
  float (*push)(void* ctx, float score, uint32_t row);
};

// Rows [0, rows) of `mat` (stride dim) against q; score = dot * row_scale[r] when row_scale is set.
// Rows are reported as first_row + r. Returns the last threshold.
using DotRowsTopKFn = float (*)(const float* mat, size_t rows, size_t dim, const float* q, const float* row_scale,
                                uint32_t first_row, float threshold, CandidateSink sink);
// The same filter over n scores already computed (one query's row of a GEMM block).
using ScoresTopKFn = float (*)(const float* scores, size_t n, const float* row_scale, uint32_t first_row, float threshold,
                               CandidateSink sink);

DotRowsTopKFn dot_rows_top_k_kernel() noexcept;
ScoresTopKFn scores_top_k_kernel() noexcept;
// Whether the chosen kernels are SIMD (AVX-512/AVX2); the portable loop is slower than a BLAS sgemv.
bool dot_rows_top_k_is_simd() noexcept;

namespace scalar {
float dot_rows_top_k(const float* mat, size_t rows, size_t dim, const float* q, const float* row_scale, uint32_t first_row,
                     float threshold, CandidateSink sink);
float scores_top_k(const float* scores, size_t n, const float* row_scale, uint32_t first_row, float threshold, CandidateSink sink);
}  // namespace scalar
namespace x86 {
float dot_rows_top_k_avx2(const float* mat, size_t rows, size_t dim, const float* q, const float* row_scale, uint32_t first_row,
                          float threshold, CandidateSink sink);
float dot_rows_top_k_avx512(const float* mat, size_t rows, size_t dim, const float* q, const float* row_scale, uint32_t first_row,
                            float threshold, CandidateSink sink);
float scores_top_k_avx2(const float* scores, size_t n, const float* row_scale, uint32_t first_row, float threshold, CandidateSink sink);
float scores_top_k_avx512(const float* scores, size_t n, const float* row_scale, uint32_t first_row, float threshold,
                          CandidateSink sink);
}  // namespace x86

}  // namespace embedkit::kernels
