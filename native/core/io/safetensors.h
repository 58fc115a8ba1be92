// Reader for the safetensors format: an 8-byte little-endian header length, a JSON header naming each
// tensor's dtype, shape and byte range, then the raw data. Every length and offset is checked against
// the bytes that exist before any tensor is handed out; tensors are views into the mapped file.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "io/mapped_file.h"

namespace embedkit::io {

enum class DType : uint8_t { Bool, U8, I8, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64, F8_E4M3, F8_E5M2 };

const char* dtype_name(DType d) noexcept;
size_t dtype_size(DType d) noexcept;

struct TensorView {
  std::string name;
  DType dtype;
  std::vector<uint64_t> shape;
  const uint8_t* data;  // into the mapped file; alignment is whatever the file gives
  size_t byte_size;
  uint64_t element_count() const noexcept;
};

class SafetensorsFile {
 public:
  // Throws Error(NotFound/Io) for a missing or unreadable file, Error(Format) for any inconsistency.
  static std::shared_ptr<const SafetensorsFile> open(const std::string& path);

  const TensorView* find(const std::string& name) const noexcept;
  const std::map<std::string, TensorView>& tensors() const noexcept { return tensors_; }
  const std::map<std::string, std::string>& metadata() const noexcept { return metadata_; }
  const std::string& path() const noexcept { return file_->path(); }
  // Keeps the mapping alive for views handed to JS.
  std::shared_ptr<const MappedFile> file() const noexcept { return file_; }

 private:
  std::shared_ptr<const MappedFile> file_;
  std::map<std::string, TensorView> tensors_;
  std::map<std::string, std::string> metadata_;
};

}  // namespace embedkit::io
