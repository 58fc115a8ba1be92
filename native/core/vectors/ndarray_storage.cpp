#include "vectors/ndarray_storage.h"

#include <cstring>

#include "kernels/pooling.h"
#include "vectors/padding.h"

namespace embedkit::vectors {

NdArrayStorage::NdArrayStorage(HugeFloats data, uint64_t rows, size_t dim)
    : owned_(std::move(data)), data_(owned_.data()), rows_(rows), dim_(dim) {}

NdArrayStorage::NdArrayStorage(std::shared_ptr<const io::MappedFile> file, const float* data, uint64_t rows, size_t dim)
    : file_(std::move(file)), data_(data), rows_(rows), dim_(dim) {}

void NdArrayStorage::row(uint64_t i, float* out) const { std::memcpy(out, data_ + i * dim_, dim_ * sizeof(float)); }

void NdArrayStorage::add_row(uint64_t i, float* acc) const {
  kernels::accumulate_kernel(kernels::RowType::F32)(data_ + i * dim_, 1.0f, acc, dim_);
}

std::unique_ptr<Storage> read_ndarray_chunk(ByteReader& r, const std::shared_ptr<const io::MappedFile>& file, bool mmap) {
  uint64_t rows = r.u64("NdArray row count");
  uint32_t cols = r.u32("NdArray column count");
  uint32_t type = r.u32("NdArray type id");
  if (type != 10) r.fail("NdArray type id " + std::to_string(type) + " is not f32 (10)");
  if (cols == 0 && rows != 0) r.fail("NdArray has zero columns");
  r.skip(finalfusion_padding(r.pos()), "NdArray padding");
  r.need_items(rows, uint64_t(cols) * 4, "NdArray matrix");
  const uint8_t* bytes = r.take(rows * cols * 4, "NdArray matrix");
  // Mapped pages start page-aligned and the padding rule keeps f32 data 4-aligned within them.
  if (mmap && file && reinterpret_cast<uintptr_t>(bytes) % alignof(float) == 0)
    return std::make_unique<NdArrayStorage>(file, reinterpret_cast<const float*>(bytes), rows, cols);
  HugeFloats data(rows * cols);
  if (!data.empty()) std::memcpy(data.data(), bytes, data.size() * sizeof(float));
  return std::make_unique<NdArrayStorage>(std::move(data), rows, cols);
}

}  // namespace embedkit::vectors
