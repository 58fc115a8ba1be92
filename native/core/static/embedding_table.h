// The static token table of a Model2Vec model: `embeddings` [rows, dim] viewed in place in the mapped
// safetensors file (F32, F16, BF16, I8; F64 is narrowed to F32 once at load), with the optional
// per-token `weights` and the token -> row `mapping` of vocabulary-quantized models.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/safetensors.h"
#include "kernels/row_types.h"
#include "common/huge_pages.h"

namespace embedkit::static_model {

class EmbeddingTable {
 public:
  // Checks every tensor against the file and against `vocab_ids` (one past the largest token id the
  // tokenizer can produce). Throws Error(Format/Unsupported) naming the file and the tensor.
  static EmbeddingTable load(const std::string& path, size_t vocab_ids);

  size_t rows() const noexcept { return rows_; }
  size_t dim() const noexcept { return dim_; }
  kernels::RowType row_type() const noexcept { return row_type_; }
  const char* dtype_name() const noexcept { return dtype_name_; }
  size_t row_bytes() const noexcept { return row_bytes_; }
  bool has_weights() const noexcept { return !weights_.empty(); }
  bool has_mapping() const noexcept { return !mapping_.empty(); }

  // Row of a token id (mapping applied) and its weight (1 when the model has none).
  const void* row_for_token(uint32_t id) const noexcept {
    size_t r = mapping_.empty() ? id : mapping_[id];
    return data_ + r * row_bytes_;
  }
  float weight_for_token(uint32_t id) const noexcept { return weights_.empty() ? 1.0f : weights_[id]; }

 private:
  std::shared_ptr<const io::SafetensorsFile> file_;
  std::vector<float> narrowed_;  // owns the rows when the file stores F64
  std::shared_ptr<uint8_t> resident_;  // a huge-page copy of the rows (tables up to kResidentMax)
  const uint8_t* data_ = nullptr;
  size_t rows_ = 0, dim_ = 0, row_bytes_ = 0;
  kernels::RowType row_type_ = kernels::RowType::F32;
  const char* dtype_name_ = "F32";
  std::vector<float> weights_;
  std::vector<uint32_t> mapping_;
};

}  // namespace embedkit::static_model
