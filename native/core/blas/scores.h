// One block of similarity scores: out[q * rows + r] = <row r of mat, query q>, through the chosen
// backend — cblas_sgemv for one query, cblas_sgemm for several — or our SIMD dot_rows kernels.
#pragma once
#include <cstddef>

#include "blas/backend.h"

namespace embedkit::blas {

// mat: rows x dim (row-major, stride dim); queries: nq x dim. rows, dim, nq must fit an int for BLAS.
void score_block(const Backend& backend, const float* mat, size_t rows, size_t dim, const float* queries, size_t nq, float* out);

// Rows per block so that the scores of nq queries stay in cache and BLAS calls stay large.
size_t block_rows(const Backend& backend, size_t nq, size_t dim);

}  // namespace embedkit::blas
