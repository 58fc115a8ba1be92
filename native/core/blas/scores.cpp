#include "blas/scores.h"

#include <algorithm>

#include "kernels/dot_rows.h"

namespace embedkit::blas {

void score_block(const Backend& backend, const float* mat, size_t rows, size_t dim, const float* queries, size_t nq, float* out) {
  if (rows == 0 || nq == 0) return;
  const int r = static_cast<int>(rows), d = static_cast<int>(dim), q = static_cast<int>(nq);
  if (!backend.builtin()) {
    if (nq == 1) backend.sgemv(kRowMajor, kNoTrans, r, d, 1.0f, mat, d, queries, 1, 0.0f, out, 1);
    else  // S (nq x rows) = Q (nq x dim) * M^T
      backend.sgemm(kRowMajor, kNoTrans, kTrans, q, r, d, 1.0f, queries, d, mat, d, 0.0f, out, r);
    return;
  }
  // Builtin: the block is small enough to stay in L2 while every query reads it.
  const kernels::DotRowsFn dot = kernels::dot_rows_kernel();
  for (size_t i = 0; i < nq; i++) dot(mat, rows, dim, queries + i * dim, out + i * rows);
}

size_t block_rows(const Backend& backend, size_t nq, size_t dim) {
  if (backend.builtin()) {
    if (nq == 1) return 256;  // scores stay in L1; the matrix streams through once
    // ~128 KiB of rows, reread from L2 by every query.
    return std::max<size_t>(16, (128u << 10) / (std::max<size_t>(dim, 1) * sizeof(float)));
  }
  // ~1 MiB of scores per block (256 queries x 1024 rows): the block's scores are still in L2 when the
  // top-k filter reads them back, and measured sgemm rates for 256 x 1024 x 300 calls are those of one
  // 256 x 200000 x 300 call (the packing of the queries is amortized over 1024 rows).
  const size_t budget = size_t(1) << 18;
  return std::clamp<size_t>(budget / std::max<size_t>(nq, 1), 256, 16384);
}

}  // namespace embedkit::blas
