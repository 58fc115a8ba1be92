#include "common/huge_pages.h"

#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace embedkit {

HugeBlock allocate_huge(size_t bytes) {
  constexpr size_t kHuge = size_t(2) << 20;
  const size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
  void* p = nullptr;
  if (posix_memalign(&p, kHuge, rounded == 0 ? kHuge : rounded) != 0) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  madvise(p, rounded, MADV_HUGEPAGE);  // advice only: fine if the kernel says no
#endif
  return HugeBlock(static_cast<uint8_t*>(p));
}

}  // namespace embedkit
