#include "kernels/dot_rows_top_k.h"

#include <cmath>
#include <cstring>

#include "kernels/dot_rows.h"
#include "kernels/pooling.h"

namespace embedkit::kernels {

namespace {
enum class Level { Avx512, Avx2, Scalar };
Level chosen_level() noexcept {
  static const Level l = [] {
    const char* level = simd_level();  // CPU features capped by EMBEDKIT_SIMD, as every kernel
    if (std::strcmp(level, "avx512") == 0) return Level::Avx512;
    if (std::strcmp(level, "avx2") == 0) return Level::Avx2;
    return Level::Scalar;
  }();
  return l;
}
}  // namespace

DotRowsTopKFn dot_rows_top_k_kernel() noexcept {
  switch (chosen_level()) {
    case Level::Avx512: return &x86::dot_rows_top_k_avx512;
    case Level::Avx2: return &x86::dot_rows_top_k_avx2;
    default: return &scalar::dot_rows_top_k;
  }
}

ScoresTopKFn scores_top_k_kernel() noexcept {
  switch (chosen_level()) {
    case Level::Avx512: return &x86::scores_top_k_avx512;
    case Level::Avx2: return &x86::scores_top_k_avx2;
    default: return &scalar::scores_top_k;
  }
}

bool dot_rows_top_k_is_simd() noexcept { return chosen_level() != Level::Scalar; }

namespace scalar {

// Blocks of dot_rows (the portable loop), then the filter: same scores as the blocked scan.
float dot_rows_top_k(const float* mat, size_t rows, size_t dim, const float* q, const float* row_scale, uint32_t first_row,
                     float threshold, CandidateSink sink) {
  constexpr size_t kBlock = 64;
  float scores[kBlock];
  for (size_t start = 0; start < rows; start += kBlock) {
    const size_t n = rows - start < kBlock ? rows - start : kBlock;
    dot_rows(mat + start * dim, n, dim, q, scores);
    threshold = scores_top_k(scores, n, row_scale ? row_scale + start : nullptr, first_row + static_cast<uint32_t>(start),
                             threshold, sink);
  }
  return threshold;
}

float scores_top_k(const float* scores, size_t n, const float* row_scale, uint32_t first_row, float threshold, CandidateSink sink) {
  for (size_t j = 0; j < n; j++) {
    const float s = row_scale ? scores[j] * row_scale[j] : scores[j];
    if (s >= threshold || std::isnan(s)) threshold = sink.push(sink.ctx, s, first_row + static_cast<uint32_t>(j));
  }
  return threshold;
}

}  // namespace scalar

}  // namespace embedkit::kernels
