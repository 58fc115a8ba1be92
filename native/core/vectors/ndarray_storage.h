// Dense f32 storage: finalfusion's NdArray chunk (id 2), read into memory or mapped in place, and the
// matrix every other reader builds in memory.
#pragma once
#include <memory>
#include <vector>

#include "common/huge_pages.h"
#include "io/mapped_file.h"
#include "vectors/byte_reader.h"
#include "vectors/storage.h"

namespace embedkit::vectors {

class NdArrayStorage final : public Storage {
 public:
  // Owns `data` (rows x dim, row-major), in huge pages: lookups read rows at random.
  NdArrayStorage(HugeFloats data, uint64_t rows, size_t dim);
  // Views `data` inside `file`, which it keeps alive.
  NdArrayStorage(std::shared_ptr<const io::MappedFile> file, const float* data, uint64_t rows, size_t dim);

  uint64_t rows() const noexcept override { return rows_; }
  size_t dim() const noexcept override { return dim_; }
  void row(uint64_t i, float* out) const override;
  void add_row(uint64_t i, float* acc) const override;
  const float* dense() const noexcept override { return data_; }
  bool mapped() const noexcept override { return file_ != nullptr; }
  const char* kind() const noexcept override { return "array"; }
  float* mutable_data() noexcept { return owned_.data(); }

 private:
  HugeFloats owned_;
  std::shared_ptr<const io::MappedFile> file_;
  const float* data_;
  uint64_t rows_;
  size_t dim_;
};

// Reads the NdArray chunk body (after id + length). `r` is bounded to the chunk. With `file` set, the
// matrix is mapped in place instead of copied.
std::unique_ptr<Storage> read_ndarray_chunk(ByteReader& r, const std::shared_ptr<const io::MappedFile>& file, bool mmap);

}  // namespace embedkit::vectors
