// Memory for tables that are read at random (the static model's embedding rows and per-thread word cache,
// word-vector matrices): 2 MiB aligned and advised to use transparent huge pages before the first touch.
// Each text or batch reads rows scattered over megabytes to gigabytes; with 4 KiB pages most of those
// reads also miss the TLB (a page walk of its own, ~20-40 ns).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

namespace embedkit {

struct FreeHuge {
  void operator()(void* p) const noexcept { std::free(p); }
};
using HugeBlock = std::unique_ptr<uint8_t[], FreeHuge>;

// Uninitialized; throws std::bad_alloc.
HugeBlock allocate_huge(size_t bytes);

// A std::vector allocator: blocks of 2 MiB or more come from allocate_huge (so a vector's value-initialization
// is its first touch, in huge pages where the kernel grants them); smaller ones from operator new.
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() noexcept = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}
  T* allocate(size_t n) {
    if (n > SIZE_MAX / sizeof(T)) throw std::bad_alloc();
    if (n * sizeof(T) >= kThreshold) return reinterpret_cast<T*>(allocate_huge(n * sizeof(T)).release());
    return static_cast<T*>(::operator new(n * sizeof(T)));
  }
  void deallocate(T* p, size_t n) noexcept {
    if (n * sizeof(T) >= kThreshold) std::free(p);
    else ::operator delete(p);
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const noexcept { return true; }
  template <typename U>
  bool operator!=(const HugePageAllocator<U>&) const noexcept { return false; }

 private:
  static constexpr size_t kThreshold = size_t(2) << 20;
};

// A matrix of f32 rows held in huge pages.
using HugeFloats = std::vector<float, HugePageAllocator<float>>;

}  // namespace embedkit
