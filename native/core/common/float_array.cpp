#include "common/float_array.h"

#include <cstdlib>
#include <new>
#include <utility>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace embedkit {

namespace {
constexpr size_t kHugePage = size_t(2) << 20;
}

FloatArray::FloatArray(size_t count) : size_(count) {
  if (count == 0) return;
  const size_t bytes = count * sizeof(float);
  if (bytes / sizeof(float) != count) throw std::bad_alloc();
  void* p = nullptr;
  if (bytes >= 2 * kHugePage) {
    const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    if (posix_memalign(&p, kHugePage, rounded) != 0) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    madvise(p, rounded, MADV_HUGEPAGE);  // advice only: fine if the kernel says no
#endif
  } else {
    if (posix_memalign(&p, 64, bytes) != 0) throw std::bad_alloc();
  }
  data_ = static_cast<float*>(p);
}

FloatArray::~FloatArray() { std::free(data_); }

FloatArray::FloatArray(FloatArray&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

FloatArray& FloatArray::operator=(FloatArray&& other) noexcept {
  if (this != &other) {
    std::free(data_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

float* FloatArray::release() noexcept {
  size_ = 0;
  return std::exchange(data_, nullptr);
}

void FloatArray::free_released(float* data) noexcept { std::free(data); }

}  // namespace embedkit
