#include "vectors/subword_sum.h"

#include <cmath>
#include <cstring>

#include "kernels/pooling.h"

namespace embedkit::vectors {

double sum_squares(const float* v, size_t dim) noexcept {
  double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  size_t i = 0;
  for (; i + 8 <= dim; i += 8)
    for (size_t j = 0; j < 8; j++) s[j] += static_cast<double>(v[i + j]) * v[i + j];
  for (size_t j = 0; i < dim; i++, j++) s[j] += static_cast<double>(v[i]) * v[i];
  return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

double subword_vector(const Storage& storage, const uint64_t* rows, size_t n, float* out, const uint64_t* next, size_t next_n,
                      bool first_prefetched) {
  const size_t dim = storage.dim();
  std::memset(out, 0, dim * sizeof(float));
  if (n == 0) return 0;
  const float* dense = storage.dense();
  if (dense) {
    const auto add = kernels::accumulate_kernel(kernels::RowType::F32);
    const size_t ahead = kNgramRowsAhead;
    if (!first_prefetched)
      for (size_t j = 0; j < ahead && j < n; j++) prefetch_row(dense + rows[j] * dim, dim);
    for (size_t j = 0; j < n; j++) {
      const size_t p = j + ahead;  // position in the stream rows ++ next
      if (p < n) prefetch_row(dense + rows[p] * dim, dim);
      else if (p - n < next_n) prefetch_row(dense + next[p - n] * dim, dim);
      add(dense + rows[j] * dim, 1.0f, out, dim);
    }
  } else {
    for (size_t j = 0; j < n; j++) storage.add_row(rows[j], out);
  }
  const double norm = std::sqrt(sum_squares(out, dim));
  if (norm > 0) kernels::scale(out, static_cast<float>(1.0 / norm), dim);  // a zero sum stays zero
  return norm;
}

}  // namespace embedkit::vectors
