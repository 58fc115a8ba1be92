#include "kernels/dot_rows.h"

#include <cstring>

#include "kernels/pooling.h"

namespace embedkit::kernels {

DotRowsFn dot_rows_kernel() noexcept {
  // Same choice as the pooling kernels (CPU features, capped by EMBEDKIT_SIMD).
  static const DotRowsFn chosen = [] {
    const char* level = simd_level();
    if (std::strcmp(level, "avx512") == 0) return &x86::dot_rows_avx512;
    if (std::strcmp(level, "avx2") == 0) return &x86::dot_rows_avx2;
    return &scalar::dot_rows;
  }();
  return chosen;
}

}  // namespace embedkit::kernels
