#include "kernels/pooling.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "kernels/pooling_scalar.h"
#include "kernels/pooling_x86.h"

namespace embedkit::kernels {

namespace {

enum class Level { Baseline, Avx2, Avx512 };

Level detect_level() noexcept {
  // EMBEDKIT_SIMD=baseline|avx2 caps the level (for tests and benchmarks of each path).
  const char* cap = std::getenv("EMBEDKIT_SIMD");
  Level best = x86::has_avx512f() ? Level::Avx512 : x86::has_avx2_fma_f16c() ? Level::Avx2 : Level::Baseline;
  if (cap && std::strcmp(cap, "baseline") == 0) return Level::Baseline;
  if (cap && std::strcmp(cap, "avx2") == 0 && best == Level::Avx512) return Level::Avx2;
  return best;
}

Level level() noexcept {
  static const Level chosen = detect_level();
  return chosen;
}

}  // namespace

AccumulateFn accumulate_kernel(RowType type) noexcept {
  const Level l = level();
  switch (type) {
    case RowType::F32:
      return l == Level::Avx512 ? x86::accumulate_f32_avx512 : l == Level::Avx2 ? x86::accumulate_f32_avx2 : scalar::accumulate_f32;
    case RowType::F16:
      return l == Level::Avx512 ? x86::accumulate_f16_avx512 : l == Level::Avx2 ? x86::accumulate_f16_avx2 : scalar::accumulate_f16;
    case RowType::BF16:
      return l == Level::Avx512 ? x86::accumulate_bf16_avx512 : l == Level::Avx2 ? x86::accumulate_bf16_avx2 : scalar::accumulate_bf16;
    case RowType::I8:
      return l == Level::Avx512 ? x86::accumulate_i8_avx512 : l == Level::Avx2 ? x86::accumulate_i8_avx2 : scalar::accumulate_i8;
  }
  return scalar::accumulate_f32;
}

SumI8Fn sum_i8_kernel() noexcept {
  const Level l = level();
  return l == Level::Avx512 ? x86::sum_i8_avx512 : l == Level::Avx2 ? x86::sum_i8_avx2 : scalar::sum_i8;
}

SumI8CountedFn sum_i8_counted_kernel() noexcept {
  const Level l = level();
  return l == Level::Avx512 ? x86::sum_i8_counted_avx512 : l == Level::Avx2 ? x86::sum_i8_counted_avx2 : scalar::sum_i8_counted;
}

void finish_i32(const int32_t* acc, float* out, size_t dim, bool normalize, float inv_count) noexcept {
  const bool wide = level() == Level::Avx512;
  float s = inv_count;
  if (normalize) {
    double squares = 0;
    if (wide) {
      squares = x86::sum_squares_i32_avx512(acc, dim);
    } else {
      for (size_t i = 0; i < dim; i++) squares += static_cast<double>(acc[i]) * acc[i];
    }
    const double norm = std::sqrt(squares);
    s = norm > 0 ? static_cast<float>(1.0 / norm) : 1.0f;
  }
  if (wide) {
    x86::scale_i32_avx512(acc, s, out, dim);
  } else {
    for (size_t i = 0; i < dim; i++) out[i] = static_cast<float>(acc[i]) * s;
  }
}

void widen_row(RowType type, const void* row, float scale, float* out, size_t dim) noexcept {
  std::memset(out, 0, dim * sizeof(float));
  accumulate_kernel(type)(row, scale, out, dim);
}

void scale(float* v, float s, size_t dim) noexcept {
  for (size_t i = 0; i < dim; i++) v[i] *= s;
}

double l2_norm(const float* v, size_t dim) noexcept {
  double sum = 0;
  for (size_t i = 0; i < dim; i++) sum += static_cast<double>(v[i]) * v[i];
  return std::sqrt(sum);
}

const char* simd_level() noexcept {
  switch (level()) {
    case Level::Avx512: return "avx512";
    case Level::Avx2: return "avx2";
    default: return "baseline";
  }
}

}  // namespace embedkit::kernels
