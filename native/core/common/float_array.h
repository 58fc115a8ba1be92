// An uninitialized float buffer for results that every caller overwrites completely. Large ones are
// aligned to 2 MiB, advised to use transparent huge pages, and recycled: when JS drops a result, its block
// goes back to a small cache that the next call of a similar size takes, because the kernel zeroing fresh
// pages on first touch was 40% of a large static-model encode.
#pragma once
#include <cstddef>

namespace embedkit {

class FloatArray {
 public:
  FloatArray() = default;
  explicit FloatArray(size_t count);
  ~FloatArray();
  FloatArray(FloatArray&& other) noexcept;
  FloatArray& operator=(FloatArray&& other) noexcept;
  FloatArray(const FloatArray&) = delete;
  FloatArray& operator=(const FloatArray&) = delete;

  float* data() noexcept { return data_; }
  const float* data() const noexcept { return data_; }
  size_t size() const noexcept { return size_; }

  // Frees memory obtained from a FloatArray that was handed over with release().
  static void free_released(float* data) noexcept;
  float* release() noexcept;

 private:
  float* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace embedkit
