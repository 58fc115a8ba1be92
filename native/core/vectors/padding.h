// finalfusion's alignment padding before f32 data: 4 - (pos mod 4) bytes, so an already aligned
// position still gets 4 (never 0). `pos` is the absolute file offset where the padding starts.
#pragma once
#include <cstdint>

namespace embedkit::vectors {

constexpr uint64_t finalfusion_padding(uint64_t pos) noexcept { return 4 - (pos % 4); }

}  // namespace embedkit::vectors
