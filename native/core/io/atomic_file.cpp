#include "io/atomic_file.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>

#include "common/error.h"

#ifdef _WIN32
#include <io.h>
#include <windows.h>
#ifndef S_ISDIR
#define S_ISDIR(m) (((m) & _S_IFMT) == _S_IFDIR)
#endif
#else
#include <unistd.h>
#endif

namespace embedkit::io {

namespace {

constexpr size_t kBufferSize = 1 << 20;

std::string folder_of(const std::string& path) {
  size_t slash = path.find_last_of("/\\");
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

#ifdef _WIN32
int open_temp(std::string& name) {
  for (int attempt = 0; attempt < 100; attempt++) {
    std::string candidate = name + std::to_string(GetCurrentProcessId()) + "-" + std::to_string(GetTickCount64() + attempt);
    int fd = _open(candidate.c_str(), _O_WRONLY | _O_CREAT | _O_EXCL | _O_BINARY, _S_IREAD | _S_IWRITE);
    if (fd >= 0 || errno != EEXIST) {
      name = candidate;
      return fd;
    }
  }
  return -1;
}
int write_fd(int fd, const char* p, size_t n) { return _write(fd, p, static_cast<unsigned>(n)); }
int sync_fd(int fd) { return _commit(fd); }
int close_fd(int fd) { return _close(fd); }
bool replace_file(const std::string& from, const std::string& to) {
  return MoveFileExA(from.c_str(), to.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH) != 0;
}
void sync_folder(const std::string&) {}
#else
// open(O_EXCL, 0666) rather than mkstemp (0600): the finished file gets the usual umask-based mode,
// without touching the process-wide umask.
int open_temp(std::string& name) {
  static std::atomic<uint64_t> counter{0};
  std::random_device rd;
  for (int attempt = 0; attempt < 100; attempt++) {
    std::string candidate = name + std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(rd() % 1000000);
    int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) {
      name = candidate;
      return fd;
    }
  }
  return -1;
}
ssize_t write_fd(int fd, const char* p, size_t n) { return ::write(fd, p, n); }
int sync_fd(int fd) { return ::fsync(fd); }
int close_fd(int fd) { return ::close(fd); }
bool replace_file(const std::string& from, const std::string& to) { return std::rename(from.c_str(), to.c_str()) == 0; }
// The rename itself is durable only once the folder entry is on disk.
void sync_folder(const std::string& folder) {
  int fd = ::open(folder.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);  // best effort: some file systems refuse fsync on folders
    ::close(fd);
  }
}
#endif

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  struct stat st;
  if (stat(path_.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) throw Error(ErrorKind::Io, path_ + ": is a folder, not a file");
  size_t slash = path_.find_last_of("/\\");
  std::string base = slash == std::string::npos ? path_ : path_.substr(slash + 1);
  temp_ = (slash == std::string::npos ? std::string() : path_.substr(0, slash + 1)) + "." + base + ".tmp-";
  fd_ = open_temp(temp_);
  if (fd_ < 0) throw Error(ErrorKind::Io, path_ + ": cannot create a file in " + folder_of(path_) + " (" + std::strerror(errno) + ")");
  buffer_.reserve(kBufferSize);
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  if (fd_ >= 0) close_fd(fd_);
  std::remove(temp_.c_str());
}

void AtomicFile::fail(const std::string& what) {
  const std::string reason = std::strerror(errno);
  if (fd_ >= 0) close_fd(fd_);
  fd_ = -1;
  std::remove(temp_.c_str());
  throw Error(ErrorKind::Io, path_ + ": " + what + " (" + reason + ")");
}

void AtomicFile::flush() {
  write_through(buffer_.data(), buffer_.size());
  buffer_.clear();
}

void AtomicFile::write_through(const char* p, size_t left) {
  while (left > 0) {
    auto n = write_fd(fd_, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("write failed");
    p += n;
    left -= static_cast<size_t>(n);
  }
}

void AtomicFile::write(const void* data, size_t n) {
  if (fd_ < 0) throw Error(ErrorKind::Io, path_ + ": write after the file was closed");
  const char* p = static_cast<const char*>(data);
  pos_ += n;
  if (buffer_.size() + n > kBufferSize) flush();
  if (n >= kBufferSize) {  // large blocks (matrices) go straight through
    write_through(p, n);
    return;
  }
  buffer_.insert(buffer_.end(), p, p + n);
}

void AtomicFile::commit() {
  if (fd_ < 0) throw Error(ErrorKind::Io, path_ + ": commit after the file was closed");
  flush();
  if (sync_fd(fd_) != 0) fail("fsync failed");
  int rc = close_fd(fd_);
  fd_ = -1;
  if (rc != 0) fail("close failed");
  if (!replace_file(temp_, path_)) fail("cannot rename the finished file into place");
  committed_ = true;
  sync_folder(folder_of(path_));
}

}  // namespace embedkit::io
