// Memory for the static model's randomly read tables (the embedding rows, the per-thread word cache):
// 2 MiB aligned and advised to use transparent huge pages. Each text reads a dozen rows and cache slots
// scattered over megabytes, so with 4 KiB pages most of those reads also miss the TLB.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace embedkit::static_model {

struct FreeHuge {
  void operator()(void* p) const noexcept { std::free(p); }
};
using HugeBlock = std::unique_ptr<uint8_t[], FreeHuge>;

// Uninitialized; throws std::bad_alloc.
HugeBlock allocate_huge(size_t bytes);

}  // namespace embedkit::static_model
