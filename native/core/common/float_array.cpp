#include "common/float_array.h"

#include <cstdlib>
#include <mutex>
#include <new>
#include <unordered_map>
#include <utility>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace embedkit {

namespace {

constexpr size_t kHugePage = size_t(2) << 20;
constexpr size_t kMaxCachedBlocks = 4;
constexpr size_t kMaxCachedBytes = size_t(128) << 20;  // idle memory held at most

// Large blocks: their capacities (so a freed one can be reused) and the ones waiting for reuse.
struct BlockCache {
  std::mutex mutex;
  std::unordered_map<void*, size_t> capacity;
  std::vector<std::pair<void*, size_t>> idle;
  size_t idle_bytes = 0;
};

BlockCache& cache() {
  static BlockCache* c = new BlockCache();  // never destroyed: finalizers may run at process exit
  return *c;
}

void* take_idle_block(size_t bytes) {
  BlockCache& c = cache();
  std::lock_guard<std::mutex> lock(c.mutex);
  size_t best = c.idle.size();
  for (size_t i = 0; i < c.idle.size(); i++) {
    size_t cap = c.idle[i].second;
    if (cap >= bytes && cap <= 2 * bytes && (best == c.idle.size() || cap < c.idle[best].second)) best = i;
  }
  if (best == c.idle.size()) return nullptr;
  void* p = c.idle[best].first;
  c.idle_bytes -= c.idle[best].second;
  c.idle.erase(c.idle.begin() + static_cast<long>(best));
  return p;
}

void* allocate_large(size_t bytes) {
  if (void* p = take_idle_block(bytes)) return p;
  const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = nullptr;
  if (posix_memalign(&p, kHugePage, rounded) != 0) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  madvise(p, rounded, MADV_HUGEPAGE);  // advice only: fine if the kernel says no
#endif
  BlockCache& c = cache();
  std::lock_guard<std::mutex> lock(c.mutex);
  c.capacity[p] = rounded;
  return p;
}

void release_block(void* p) {
  if (!p) return;
  BlockCache& c = cache();
  {
    std::lock_guard<std::mutex> lock(c.mutex);
    auto it = c.capacity.find(p);
    if (it != c.capacity.end()) {
      if (c.idle.size() < kMaxCachedBlocks && c.idle_bytes + it->second <= kMaxCachedBytes) {
        c.idle.emplace_back(p, it->second);
        c.idle_bytes += it->second;
        return;
      }
      c.capacity.erase(it);
    }
  }
  std::free(p);
}

}  // namespace

FloatArray::FloatArray(size_t count) : size_(count) {
  if (count == 0) return;
  const size_t bytes = count * sizeof(float);
  if (bytes / sizeof(float) != count) throw std::bad_alloc();
  void* p = nullptr;
  if (bytes >= kHugePage) {
    p = allocate_large(bytes);
  } else if (posix_memalign(&p, 64, bytes) != 0) {
    throw std::bad_alloc();
  }
  data_ = static_cast<float*>(p);
}

FloatArray::~FloatArray() { release_block(data_); }

FloatArray::FloatArray(FloatArray&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

FloatArray& FloatArray::operator=(FloatArray&& other) noexcept {
  if (this != &other) {
    release_block(data_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

float* FloatArray::release() noexcept {
  size_ = 0;
  return std::exchange(data_, nullptr);
}

void FloatArray::free_released(float* data) noexcept { release_block(data); }

}  // namespace embedkit
