#include "static/embedding_table.h"

#include <cstring>

#include "common/error.h"

namespace embedkit::static_model {

namespace {

// Reads element i of a 1-D numeric tensor as double, whatever its stored type.
double element_as_double(const io::TensorView& t, size_t i) {
  const uint8_t* p = t.data + i * io::dtype_size(t.dtype);
  switch (t.dtype) {
    case io::DType::F64: { double v; std::memcpy(&v, p, 8); return v; }
    case io::DType::F32: { float v; std::memcpy(&v, p, 4); return v; }
    case io::DType::F16: { uint16_t v; std::memcpy(&v, p, 2); return kernels::f16_to_f32(v); }
    case io::DType::BF16: { uint16_t v; std::memcpy(&v, p, 2); return kernels::bf16_to_f32(v); }
    case io::DType::I32: { int32_t v; std::memcpy(&v, p, 4); return v; }
    case io::DType::I64: { int64_t v; std::memcpy(&v, p, 8); return static_cast<double>(v); }
    case io::DType::U32: { uint32_t v; std::memcpy(&v, p, 4); return v; }
    case io::DType::I16: { int16_t v; std::memcpy(&v, p, 2); return v; }
    case io::DType::U16: { uint16_t v; std::memcpy(&v, p, 2); return v; }
    case io::DType::I8: return static_cast<int8_t>(*p);
    case io::DType::U8: return *p;
    default: return 0;
  }
}

}  // namespace

EmbeddingTable EmbeddingTable::load(const std::string& path, size_t vocab_ids) {
  EmbeddingTable table;
  table.file_ = io::SafetensorsFile::open(path);
  const auto& file = *table.file_;
  auto fail = [&](ErrorKind kind, const std::string& what) { throw Error(kind, path + ": " + what); };

  // model2vec writes "embeddings"; Sentence-Transformers writes "embedding.weight"; some exports "0".
  const io::TensorView* emb = nullptr;
  for (const char* name : {"embeddings", "0", "embedding.weight"})
    if ((emb = file.find(name))) break;
  if (!emb) fail(ErrorKind::Format, "no 'embeddings' tensor (also looked for '0' and 'embedding.weight')");
  if (emb->shape.size() != 2)
    fail(ErrorKind::Format, "tensor '" + emb->name + "' has " + std::to_string(emb->shape.size()) + " dimensions, expected 2");
  table.rows_ = emb->shape[0];
  table.dim_ = emb->shape[1];
  if (table.dim_ == 0) fail(ErrorKind::Format, "tensor '" + emb->name + "' has zero columns");
  table.dtype_name_ = io::dtype_name(emb->dtype);
  switch (emb->dtype) {
    case io::DType::F32: table.row_type_ = kernels::RowType::F32; break;
    case io::DType::F16: table.row_type_ = kernels::RowType::F16; break;
    case io::DType::BF16: table.row_type_ = kernels::RowType::BF16; break;
    case io::DType::I8: table.row_type_ = kernels::RowType::I8; break;
    case io::DType::F64: {
      table.narrowed_.resize(table.rows_ * table.dim_);
      for (size_t i = 0; i < table.narrowed_.size(); i++) table.narrowed_[i] = static_cast<float>(element_as_double(*emb, i));
      table.row_type_ = kernels::RowType::F32;
      break;
    }
    default:
      fail(ErrorKind::Unsupported, "tensor '" + emb->name + "' has dtype " + io::dtype_name(emb->dtype) +
                                       "; embeddings must be F32, F16, BF16, I8 or F64");
  }
  if (table.narrowed_.empty()) {
    table.data_ = emb->data;
    table.row_bytes_ = table.dim_ * io::dtype_size(emb->dtype);
    // Rows are read at random, a dozen per text: a copy in huge pages saves a TLB miss on most of them
    // (the mapped file has 4 KiB pages). Large tables stay mapped, read in place.
    constexpr size_t kResidentMax = size_t(256) << 20;
    const size_t bytes = table.rows_ * table.row_bytes_;
    if (bytes > 0 && bytes <= kResidentMax) {
      HugeBlock block = allocate_huge(bytes);
      std::memcpy(block.get(), emb->data, bytes);
      table.resident_ = std::shared_ptr<uint8_t>(block.release(), FreeHuge());
      table.data_ = table.resident_.get();
    }
  } else {
    table.data_ = reinterpret_cast<const uint8_t*>(table.narrowed_.data());
    table.row_bytes_ = table.dim_ * sizeof(float);
  }

  if (const io::TensorView* mapping = file.find("mapping")) {
    if (mapping->shape.size() != 1) fail(ErrorKind::Format, "tensor 'mapping' must have one dimension");
    if (mapping->dtype != io::DType::I32 && mapping->dtype != io::DType::I64 && mapping->dtype != io::DType::U32)
      fail(ErrorKind::Unsupported, std::string("tensor 'mapping' has dtype ") + io::dtype_name(mapping->dtype) + "; expected I32 or I64");
    if (mapping->shape[0] < vocab_ids)
      fail(ErrorKind::Format, "tensor 'mapping' has " + std::to_string(mapping->shape[0]) +
                                  " entries but the tokenizer has token ids up to " + std::to_string(vocab_ids - 1));
    table.mapping_.resize(mapping->shape[0]);
    for (size_t i = 0; i < table.mapping_.size(); i++) {
      double v = element_as_double(*mapping, i);
      if (v < 0 || v >= static_cast<double>(table.rows_))
        fail(ErrorKind::Format, "tensor 'mapping' entry " + std::to_string(i) + " = " + std::to_string(static_cast<long long>(v)) +
                                    " is not a row of 'embeddings' (" + std::to_string(table.rows_) + " rows)");
      table.mapping_[i] = static_cast<uint32_t>(v);
    }
  } else if (table.rows_ < vocab_ids) {
    fail(ErrorKind::Format, "tensor '" + emb->name + "' has " + std::to_string(table.rows_) +
                                " rows but the tokenizer has token ids up to " + std::to_string(vocab_ids - 1));
  }

  if (const io::TensorView* weights = file.find("weights")) {
    if (weights->shape.size() != 1) fail(ErrorKind::Format, "tensor 'weights' must have one dimension");
    switch (weights->dtype) {
      case io::DType::F64: case io::DType::F32: case io::DType::F16: case io::DType::BF16: break;
      default:
        fail(ErrorKind::Unsupported, std::string("tensor 'weights' has dtype ") + io::dtype_name(weights->dtype) +
                                         "; expected F64, F32, F16 or BF16");
    }
    if (weights->shape[0] < vocab_ids)
      fail(ErrorKind::Format, "tensor 'weights' has " + std::to_string(weights->shape[0]) +
                                  " entries but the tokenizer has token ids up to " + std::to_string(vocab_ids - 1));
    table.weights_.resize(weights->shape[0]);
    for (size_t i = 0; i < table.weights_.size(); i++) table.weights_[i] = static_cast<float>(element_as_double(*weights, i));
  }
  return table;
}

}  // namespace embedkit::static_model
