// finalfusion QuantizedArray (id 4): product-quantized rows, reconstructed on lookup as the
// concatenated centroids, times the transposed OPQ projection if any, times the row's norm if stored.
// In mmap mode only the u8 code matrix stays in the file; the small tables are copied.
#pragma once
#include <memory>
#include <vector>

#include "io/mapped_file.h"
#include "vectors/byte_reader.h"
#include "vectors/storage.h"

namespace embedkit::vectors {

class QuantizedStorage final : public Storage {
 public:
  struct Parts {
    size_t dim = 0, subquantizers = 0, centroids = 0;
    uint64_t rows = 0;
    std::vector<float> projection;  // dim x dim, empty when none
    std::vector<float> centroid_table;  // subquantizers x centroids x (dim / subquantizers)
    std::vector<float> norms;  // rows, empty when none
    std::vector<uint8_t> owned_codes;  // rows x subquantizers (unless mapped)
    std::shared_ptr<const io::MappedFile> file;
    const uint8_t* codes = nullptr;
    std::string path;
  };
  explicit QuantizedStorage(Parts parts);

  uint64_t rows() const noexcept override { return p_.rows; }
  size_t dim() const noexcept override { return p_.dim; }
  void row(uint64_t i, float* out) const override;
  void add_row(uint64_t i, float* acc) const override;
  bool mapped() const noexcept override { return p_.file != nullptr; }
  const char* kind() const noexcept override { return "quantized"; }
  size_t subquantizers() const noexcept { return p_.subquantizers; }
  size_t centroids() const noexcept { return p_.centroids; }
  bool has_projection() const noexcept { return !p_.projection.empty(); }
  bool has_norms() const noexcept { return !p_.norms.empty(); }
  // The tables and codes as stored (codes point into the mapped file or owned_codes).
  const Parts& parts() const noexcept { return p_; }

 private:
  Parts p_;
};

std::unique_ptr<Storage> read_quantized_chunk(ByteReader& r, const std::shared_ptr<const io::MappedFile>& file, bool mmap);

}  // namespace embedkit::vectors
