// finalfusion chunk identifiers and the readers of the vocabulary, metadata and norms chunks.
// Each reader gets a ByteReader bounded to the chunk body (after u32 id + u64 length).
#pragma once
#include <string>
#include <vector>

#include "vectors/byte_reader.h"
#include "vectors/vocab.h"

namespace embedkit::vectors {

enum class ChunkId : uint32_t {
  SimpleVocab = 1,
  NdArray = 2,
  BucketSubwordVocab = 3,
  QuantizedArray = 4,
  Metadata = 5,
  NdNorms = 6,
  FastTextSubwordVocab = 7,
  ExplicitSubwordVocab = 8,
  FloretSubwordVocab = 9,
};

bool is_known_chunk(uint32_t id) noexcept;
bool is_vocab_chunk(uint32_t id) noexcept;
const char* chunk_name(uint32_t id) noexcept;

// SimpleVocab (1), BucketSubwordVocab (3), FastTextSubwordVocab (7), ExplicitSubwordVocab (8),
// FloretSubwordVocab (9).
Vocab read_vocab_chunk(uint32_t id, ByteReader& r);
// Metadata (5): the TOML text, kept as written.
std::string read_metadata_chunk(ByteReader& r);
// NdNorms (6): one f32 per word.
std::vector<float> read_norms_chunk(ByteReader& r);

}  // namespace embedkit::vectors
