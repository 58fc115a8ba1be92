// A file that appears complete or not at all: bytes go to a temporary file in the destination's
// folder (so the final rename stays on one file system and is atomic), which is flushed, fsynced and
// renamed over the destination on commit(). Destroyed without commit() — an exception, a failed
// write — it removes the temporary file and leaves any existing destination untouched.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace embedkit::io {

class AtomicFile {
 public:
  // Creates the temporary file next to `path`; Error(Io) if the folder is not writable.
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(const void* data, size_t n);
  void write(std::string_view s) { write(s.data(), s.size()); }
  // Bytes written so far (the absolute offset of the next byte; finalfusion padding depends on it).
  uint64_t pos() const noexcept { return pos_; }
  // Flush, fsync, rename over the destination, fsync the folder. Error(Io) on any failure (the
  // temporary file is then removed).
  void commit();
  const std::string& path() const noexcept { return path_; }

 private:
  void flush();
  void write_through(const char* p, size_t n);
  [[noreturn]] void fail(const std::string& what);
  std::string path_, temp_;
  int fd_ = -1;
  uint64_t pos_ = 0;
  std::vector<char> buffer_;
  bool committed_ = false;
};

}  // namespace embedkit::io
