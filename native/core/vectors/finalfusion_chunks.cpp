#include "vectors/finalfusion_chunks.h"

#include <cstring>

#include "text/utf8.h"
#include "vectors/padding.h"
#include "vectors/vocab_words.h"

namespace embedkit::vectors {

bool is_known_chunk(uint32_t id) noexcept { return id >= 1 && id <= 9; }

bool is_vocab_chunk(uint32_t id) noexcept { return id == 1 || id == 3 || id == 7 || id == 8 || id == 9; }

const char* chunk_name(uint32_t id) noexcept {
  static const char* const names[] = {"Header",   "SimpleVocab", "NdArray",   "BucketSubwordVocab",   "QuantizedArray",
                                      "Metadata", "NdNorms",     "FastTextSubwordVocab", "ExplicitSubwordVocab", "FloretSubwordVocab"};
  return id < 10 ? names[id] : "unknown";
}

Vocab read_vocab_chunk(uint32_t id, ByteReader& r) {
  switch (static_cast<ChunkId>(id)) {
    case ChunkId::SimpleVocab: return read_simple_vocab(r);
    case ChunkId::BucketSubwordVocab: return read_bucketed_vocab(r, false);
    case ChunkId::FastTextSubwordVocab: return read_bucketed_vocab(r, true);
    case ChunkId::ExplicitSubwordVocab: return read_explicit_vocab(r);
    case ChunkId::FloretSubwordVocab: return read_floret_vocab(r);
    default: r.fail(std::string("chunk ") + chunk_name(id) + " is not a vocabulary");
  }
}

std::string read_metadata_chunk(ByteReader& r) {
  size_t n = r.remaining();
  std::string text(reinterpret_cast<const char*>(r.take(n, "Metadata")), n);
  if (text::find_invalid_utf8(text) != std::string::npos) r.fail("Metadata is not valid UTF-8");
  return text;
}

std::vector<float> read_norms_chunk(ByteReader& r) {
  uint64_t n = r.u64("NdNorms count");
  uint32_t type = r.u32("NdNorms type id");
  if (type != 10) r.fail("NdNorms type id " + std::to_string(type) + " is not f32 (10)");
  r.skip(finalfusion_padding(r.pos()), "NdNorms padding");
  r.need_items(n, 4, "NdNorms values");
  std::vector<float> norms(n);
  if (n) std::memcpy(norms.data(), r.take(n * 4, "NdNorms values"), n * 4);
  return norms;
}

}  // namespace embedkit::vectors
