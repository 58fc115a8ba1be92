// The fused similarity scan: dot products of a query with a block of rows (dot_rows), each scaled by
// the row's inverse norm when given, straight into a bounded top-k — all scores are never stored.
#pragma once
#include <cmath>
#include <cstddef>
#include <vector>

#include "common/error.h"
#include "kernels/dot_rows.h"
#include "kernels/top_k.h"

namespace embedkit::kernels {

// Scans rows [0, rows) of `mat`; `skip(i)` excludes a row; `row_scale` may be null (all 1).
// Throws Error(Runtime) on a NaN score, as finalfusion refuses to rank NaN.
template <typename TieLess, typename Skip>
void gemv_top_k(const float* mat, size_t rows, size_t dim, const float* q, const float* row_scale, Skip&& skip,
                TopK<TieLess>& top) {
  constexpr size_t kBlock = 256;  // scores of one block stay in L1
  float scores[kBlock];
  const DotRowsFn dot = dot_rows_kernel();
  for (size_t start = 0; start < rows; start += kBlock) {
    const size_t n = rows - start < kBlock ? rows - start : kBlock;
    dot(mat + start * dim, n, dim, q, scores);
    for (size_t j = 0; j < n; j++) {
      const size_t i = start + j;
      if (skip(i)) continue;
      const float s = row_scale ? scores[j] * row_scale[i] : scores[j];
      if (std::isnan(s)) throw Error(ErrorKind::Runtime, "a similarity is NaN (the vectors contain NaN or infinity)");
      top.push(s, static_cast<uint32_t>(i));
    }
  }
}

}  // namespace embedkit::kernels
