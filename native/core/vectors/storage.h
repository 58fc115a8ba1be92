// Where the vectors live: a dense f32 matrix (in memory or mapped) or a product-quantized one.
// Lookups copy (or reconstruct) a row; queries need the dense view, which quantized storage lacks.
#pragma once
#include <cstddef>
#include <cstdint>

namespace embedkit::vectors {

class Storage {
 public:
  virtual ~Storage() = default;
  virtual uint64_t rows() const noexcept = 0;
  virtual size_t dim() const noexcept = 0;
  // out[0..dim) = row i (i < rows()).
  virtual void row(uint64_t i, float* out) const = 0;
  // acc[0..dim) += row i.
  virtual void add_row(uint64_t i, float* acc) const = 0;
  // Row-major rows() x dim() f32, or nullptr when the matrix is implicit (quantized).
  virtual const float* dense() const noexcept { return nullptr; }
  virtual bool mapped() const noexcept = 0;
  virtual const char* kind() const noexcept = 0;  // "array" or "quantized"
};

}  // namespace embedkit::vectors
