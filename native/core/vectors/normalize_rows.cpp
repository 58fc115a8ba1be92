#include "kernels/pooling.h"
#include "vectors/readers.h"

namespace embedkit::vectors {

std::vector<float> normalize_rows(float* data, size_t words, size_t dim) {
  std::vector<float> norms(words);
  for (size_t i = 0; i < words; i++) {
    float* row = data + i * dim;
    const double n = kernels::l2_norm(row, dim);
    norms[i] = static_cast<float>(n);
    if (n > 0) kernels::scale(row, static_cast<float>(1.0 / n), dim);
  }
  return norms;
}

}  // namespace embedkit::vectors
