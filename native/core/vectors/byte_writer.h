// Little-endian field writers over an AtomicFile, the mirror of ByteReader.
#pragma once
#include <cstdint>
#include <string_view>

#include "io/atomic_file.h"

namespace embedkit::vectors {

class ByteWriter {
 public:
  explicit ByteWriter(io::AtomicFile& file) : f_(file) {}
  uint64_t pos() const noexcept { return f_.pos(); }
  void u32(uint32_t v) { f_.write(&v, 4); }  // hosts are little-endian, as the readers assume
  void u64(uint64_t v) { f_.write(&v, 8); }
  void bytes(const void* p, size_t n) { f_.write(p, n); }
  void floats(const float* p, uint64_t n) { f_.write(p, n * sizeof(float)); }
  // finalfusion string: u32 byte length + bytes.
  void string(std::string_view s) {
    u32(static_cast<uint32_t>(s.size()));
    f_.write(s.data(), s.size());
  }
  void zeros(size_t n) {
    static const char z[8] = {};
    f_.write(z, n);
  }

 private:
  io::AtomicFile& f_;
};

}  // namespace embedkit::vectors
