// A bounds-checked little-endian cursor over bytes of a file. Every read checks the remaining length
// first, so a truncated or lying file becomes Error(Format) naming the file, the field and the offset —
// never a read past the end or an allocation sized from an unchecked count.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "common/error.h"

namespace embedkit::vectors {

class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size, std::string path, size_t pos = 0)
      : data_(data), size_(size), pos_(pos), path_(std::move(path)) {}

  size_t pos() const noexcept { return pos_; }
  size_t size() const noexcept { return size_; }
  size_t remaining() const noexcept { return size_ - pos_; }
  const uint8_t* data() const noexcept { return data_; }
  const std::string& path() const noexcept { return path_; }
  bool at_end() const noexcept { return pos_ == size_; }

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(ErrorKind::Format, path_ + ": " + what + " (at byte " + std::to_string(pos_) + ")");
  }

  // Throws unless `n` more bytes exist. `what` names the field for the message.
  void need(uint64_t n, const char* what) const {
    if (n > remaining())
      fail(std::string("truncated: ") + what + " needs " + std::to_string(n) + " bytes, " +
           std::to_string(remaining()) + " left");
  }
  // Throws unless count * unit bytes exist, without overflowing the multiplication.
  void need_items(uint64_t count, uint64_t unit, const char* what) const {
    if (unit != 0 && count > remaining() / unit)
      fail(std::string("truncated or absurd size: ") + what + " claims " + std::to_string(count) + " items of " +
           std::to_string(unit) + " bytes, " + std::to_string(remaining()) + " bytes left");
  }

  const uint8_t* take(uint64_t n, const char* what) {
    need(n, what);
    const uint8_t* p = data_ + pos_;
    pos_ += static_cast<size_t>(n);
    return p;
  }
  void skip(uint64_t n, const char* what) { take(n, what); }

  template <typename T>
  T read(const char* what) {
    T v;
    std::memcpy(&v, take(sizeof(T), what), sizeof(T));  // files are little-endian; so are supported hosts
    return v;
  }
  uint32_t u32(const char* what) { return read<uint32_t>(what); }
  uint64_t u64(const char* what) { return read<uint64_t>(what); }
  int32_t i32(const char* what) { return read<int32_t>(what); }
  int64_t i64(const char* what) { return read<int64_t>(what); }
  float f32(const char* what) { return read<float>(what); }
  double f64(const char* what) { return read<double>(what); }

  // u32 byte length + that many bytes (finalfusion strings), checked to be valid UTF-8.
  std::string_view string(const char* what);

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_;
  std::string path_;
};

}  // namespace embedkit::vectors
