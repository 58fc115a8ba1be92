#include "kernels/pooling_scalar.h"

#include <cstdint>
#include <cstring>

#include "kernels/row_types.h"

namespace embedkit::kernels::scalar {

// Rows inside a safetensors file carry no alignment promise, so every load goes through memcpy.

void accumulate_f32(const void* row, float scale, float* acc, size_t dim) {
  const auto* p = static_cast<const uint8_t*>(row);
  for (size_t i = 0; i < dim; i++) {
    float x;
    std::memcpy(&x, p + 4 * i, 4);
    acc[i] += scale * x;
  }
}

void accumulate_f16(const void* row, float scale, float* acc, size_t dim) {
  const auto* p = static_cast<const uint8_t*>(row);
  for (size_t i = 0; i < dim; i++) {
    uint16_t h;
    std::memcpy(&h, p + 2 * i, 2);
    acc[i] += scale * f16_to_f32(h);
  }
}

void accumulate_bf16(const void* row, float scale, float* acc, size_t dim) {
  const auto* p = static_cast<const uint8_t*>(row);
  for (size_t i = 0; i < dim; i++) {
    uint16_t b;
    std::memcpy(&b, p + 2 * i, 2);
    acc[i] += scale * bf16_to_f32(b);
  }
}

void accumulate_i8(const void* row, float scale, float* acc, size_t dim) {
  const auto* p = static_cast<const int8_t*>(row);
  for (size_t i = 0; i < dim; i++) acc[i] += scale * static_cast<float>(p[i]);
}

void sum_i8(const int8_t* const* rows, size_t count, int32_t* acc, size_t dim) {
  for (size_t i = 0; i < dim; i++) acc[i] = 0;
  for (size_t t = 0; t < count; t++)
    for (size_t i = 0; i < dim; i++) acc[i] += rows[t][i];
}

void sum_i8_counted(const int8_t* const* rows, const uint32_t* times, size_t count, int32_t* acc, size_t dim) {
  for (size_t i = 0; i < dim; i++) acc[i] = 0;
  for (size_t t = 0; t < count; t++) {
    const int32_t k = static_cast<int32_t>(times[t]);
    for (size_t i = 0; i < dim; i++) acc[i] += k * rows[t][i];
  }
}

}  // namespace embedkit::kernels::scalar
