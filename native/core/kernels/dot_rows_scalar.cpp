#include "kernels/dot_rows.h"

namespace embedkit::kernels::scalar {

void dot_rows(const float* mat, size_t rows, size_t dim, const float* q, float* out) {
  for (size_t r = 0; r < rows; r++) {
    const float* row = mat + r * dim;
    // Four partial sums let the compiler vectorize without reassociation flags.
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t i = 0;
    for (; i + 4 <= dim; i += 4) {
      s0 += row[i] * q[i];
      s1 += row[i + 1] * q[i + 1];
      s2 += row[i + 2] * q[i + 2];
      s3 += row[i + 3] * q[i + 3];
    }
    for (; i < dim; i++) s0 += row[i] * q[i];
    out[r] = (s0 + s1) + (s2 + s3);
  }
}

}  // namespace embedkit::kernels::scalar
