// finalfusion writer: header, then [Metadata] vocab storage [NdNorms], laid out exactly as
// finalfusion-rust writes them (same field order, same always-1..4-byte padding), so re-saving a
// file finalfusion wrote gives the same bytes. A vectors set with no vocabulary (a bare storage
// chunk) is written back as that bare chunk.
#include <vector>

#include "common/error.h"
#include "io/atomic_file.h"
#include "vectors/byte_writer.h"
#include "vectors/finalfusion_chunks.h"
#include "vectors/ndarray_storage.h"
#include "vectors/padding.h"
#include "vectors/quantized_storage.h"
#include "vectors/writers.h"

namespace embedkit::vectors {

namespace {

uint64_t strings_size(const std::vector<std::string>& words) {
  uint64_t n = 0;
  for (const auto& w : words) n += 4 + w.size();
  return n;
}

void check_string(const std::string& s, const std::string& path) {
  if (s.size() > UINT32_MAX) throw Error(ErrorKind::Argument, path + ": a word longer than 4 GiB cannot be stored");
}

uint32_t vocab_chunk_id(const Vocab& vocab) {
  const SubwordIndexer* sub = vocab.subwords();
  if (!sub) return uint32_t(ChunkId::SimpleVocab);
  const std::string kind = sub->kind();
  if (kind == "bucket") return uint32_t(ChunkId::BucketSubwordVocab);
  if (kind == "fasttext") return uint32_t(ChunkId::FastTextSubwordVocab);
  if (kind == "explicit") return uint32_t(ChunkId::ExplicitSubwordVocab);
  return uint32_t(ChunkId::FloretSubwordVocab);
}

void write_vocab_chunk(ByteWriter& w, const Vocab& vocab, const std::string& path) {
  const auto& words = vocab.words();
  for (const auto& word : words) check_string(word, path);
  const uint32_t id = vocab_chunk_id(vocab);
  const SubwordIndexer* sub = vocab.subwords();
  const SubwordParams p = sub ? sub->params() : SubwordParams{};
  w.u32(id);
  switch (static_cast<ChunkId>(id)) {
    case ChunkId::SimpleVocab:
      w.u64(8 + strings_size(words));
      w.u64(words.size());
      break;
    case ChunkId::BucketSubwordVocab:
    case ChunkId::FastTextSubwordVocab: {
      const bool fasttext = id == uint32_t(ChunkId::FastTextSubwordVocab);
      if (fasttext && p.buckets > UINT32_MAX) throw Error(ErrorKind::Argument, path + ": too many fastText buckets for finalfusion");
      w.u64(8 + 12 + strings_size(words));
      w.u64(words.size());
      w.u32(sub->min_n());
      w.u32(sub->max_n());
      w.u32(fasttext ? static_cast<uint32_t>(p.buckets) : p.bucket_exp);
      break;
    }
    case ChunkId::ExplicitSubwordVocab: {
      uint64_t ngram_bytes = 0;
      for (const auto& [ngram, index] : *p.ngrams) ngram_bytes += 4 + ngram.size() + 8;
      w.u64(16 + 8 + strings_size(words) + ngram_bytes);
      w.u64(words.size());
      w.u64(p.ngrams->size());
      w.u32(sub->min_n());
      w.u32(sub->max_n());
      break;
    }
    default:  // floret: no words at all
      w.u64(4 + 4 + 8 + 4 + 4 + 4 + p.bow.size() + 4 + p.eow.size());
      w.u32(sub->min_n());
      w.u32(sub->max_n());
      w.u64(p.buckets);
      w.u32(p.hashes);
      w.u32(p.seed);
      w.string(p.bow);
      w.string(p.eow);
      return;
  }
  for (const auto& word : words) w.string(word);
  if (id == uint32_t(ChunkId::ExplicitSubwordVocab))
    for (const auto& [ngram, index] : *p.ngrams) {
      w.string(ngram);
      w.u64(index);
    }
}

// Rows one at a time for storage that has no dense matrix (kept for completeness; NdArray storage
// is always dense).
void write_rows(ByteWriter& w, const Storage& s) {
  if (const float* m = s.dense()) {
    w.floats(m, s.rows() * s.dim());
    return;
  }
  std::vector<float> row(s.dim());
  for (uint64_t i = 0; i < s.rows(); i++) {
    s.row(i, row.data());
    w.floats(row.data(), row.size());
  }
}

void write_ndarray_chunk(ByteWriter& w, const Storage& s) {
  const uint64_t start = w.pos();
  const uint64_t pad = finalfusion_padding(start + 12 + 16);
  w.u32(uint32_t(ChunkId::NdArray));
  w.u64(16 + pad + s.rows() * s.dim() * 4);
  w.u64(s.rows());
  w.u32(static_cast<uint32_t>(s.dim()));
  w.u32(10);
  w.zeros(pad);
  write_rows(w, s);
}

void write_quantized_chunk(ByteWriter& w, const QuantizedStorage& q) {
  const auto& p = q.parts();
  const uint64_t start = w.pos();
  const uint64_t pad = finalfusion_padding(start + 12 + 36);
  const uint64_t body = 36 + pad + (p.projection.size() + p.centroid_table.size() + p.norms.size()) * 4 + p.rows * p.subquantizers;
  w.u32(uint32_t(ChunkId::QuantizedArray));
  w.u64(body);
  w.u32(p.projection.empty() ? 0 : 1);
  w.u32(p.norms.empty() ? 0 : 1);
  w.u32(static_cast<uint32_t>(p.subquantizers));
  w.u32(static_cast<uint32_t>(p.dim));
  w.u32(static_cast<uint32_t>(p.centroids));
  w.u64(p.rows);
  w.u32(1);
  w.u32(10);
  w.zeros(pad);
  w.floats(p.projection.data(), p.projection.size());
  w.floats(p.centroid_table.data(), p.centroid_table.size());
  w.floats(p.norms.data(), p.norms.size());
  w.bytes(p.codes, p.rows * p.subquantizers);
}

void write_storage_chunk(ByteWriter& w, const Storage& s) {
  if (const auto* q = dynamic_cast<const QuantizedStorage*>(&s))
    write_quantized_chunk(w, *q);
  else
    write_ndarray_chunk(w, s);
}

void write_norms_chunk(ByteWriter& w, const std::vector<float>& norms) {
  const uint64_t pad = finalfusion_padding(w.pos() + 12 + 12);
  w.u32(uint32_t(ChunkId::NdNorms));
  w.u64(12 + pad + norms.size() * 4);
  w.u64(norms.size());
  w.u32(10);
  w.zeros(pad);
  w.floats(norms.data(), norms.size());
}

}  // namespace

void write_finalfusion(const WordVectors& wv, const std::string& path, const std::optional<std::string>& metadata) {
  const Vocab& vocab = wv.vocab();
  io::AtomicFile file(path);
  ByteWriter w(file);
  if (vocab.words_len() == 0 && !vocab.subwords()) {
    write_storage_chunk(w, wv.storage());
    file.commit();
    return;
  }
  std::vector<uint32_t> ids;
  if (metadata) ids.push_back(uint32_t(ChunkId::Metadata));
  ids.push_back(vocab_chunk_id(vocab));
  ids.push_back(dynamic_cast<const QuantizedStorage*>(&wv.storage()) ? uint32_t(ChunkId::QuantizedArray) : uint32_t(ChunkId::NdArray));
  if (!wv.norms().empty()) ids.push_back(uint32_t(ChunkId::NdNorms));
  w.bytes("FiFu", 4);
  w.u32(0);
  w.u32(static_cast<uint32_t>(ids.size()));
  for (uint32_t id : ids) w.u32(id);
  if (metadata) {
    w.u32(uint32_t(ChunkId::Metadata));
    w.u64(metadata->size());
    w.bytes(metadata->data(), metadata->size());
  }
  write_vocab_chunk(w, vocab, path);
  write_storage_chunk(w, wv.storage());
  if (!wv.norms().empty()) write_norms_chunk(w, wv.norms());
  file.commit();
}

}  // namespace embedkit::vectors
