// A read-only view of a whole file. Memory-mapped where the OS allows, so that large embedding
// tables cost no copy and no load time; read into memory otherwise. Movable, not copyable.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace embedkit::io {

class MappedFile {
 public:
  // Throws Error(NotFound) when the file does not exist, Error(Io) when it cannot be read.
  static std::shared_ptr<const MappedFile> open(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const uint8_t* data() const noexcept { return data_; }
  size_t size() const noexcept { return size_; }
  const std::string& path() const noexcept { return path_; }
  std::string_view text() const noexcept { return {reinterpret_cast<const char*>(data_), size_}; }

 private:
  MappedFile() = default;
  std::string path_;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  bool mapped_ = false;
};

// Reads a whole (small) file into a string; same errors as MappedFile::open.
std::string read_file(const std::string& path);
bool file_exists(const std::string& path);

}  // namespace embedkit::io
