#include "io/mapped_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "common/error.h"

#ifndef _WIN32
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace embedkit::io {

namespace {
[[noreturn]] void throw_open_error(const std::string& path, int err) {
  if (err == ENOENT || err == ENOTDIR)
    throw Error(ErrorKind::NotFound, path + ": no such file");
  throw Error(ErrorKind::Io, path + ": cannot open (" + std::strerror(err) + ")");
}
}  // namespace

bool file_exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::shared_ptr<const MappedFile> MappedFile::open(const std::string& path) {
  std::shared_ptr<MappedFile> file(new MappedFile());
  file->path_ = path;
#ifndef _WIN32
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw_open_error(path, errno);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    throw_open_error(path, err);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    throw Error(ErrorKind::Io, path + ": not a regular file");
  }
  file->size_ = static_cast<size_t>(st.st_size);
  if (file->size_ > 0) {
    void* p = ::mmap(nullptr, file->size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      int err = errno;
      ::close(fd);
      throw Error(ErrorKind::Io, path + ": cannot map (" + std::strerror(err) + ")");
    }
    file->data_ = static_cast<const uint8_t*>(p);
    file->mapped_ = true;
  }
  ::close(fd);  // the mapping stays valid without the descriptor
#else
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_open_error(path, errno);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  file->size_ = bytes.size();
  auto* copy = new uint8_t[bytes.size() ? bytes.size() : 1];
  std::memcpy(copy, bytes.data(), bytes.size());
  file->data_ = copy;
#endif
  return file;
}

MappedFile::~MappedFile() {
#ifndef _WIN32
  if (mapped_ && data_) ::munmap(const_cast<uint8_t*>(data_), size_);
#else
  delete[] data_;
#endif
}

std::string read_file(const std::string& path) {
  auto file = MappedFile::open(path);
  return std::string(file->text());
}

}  // namespace embedkit::io
