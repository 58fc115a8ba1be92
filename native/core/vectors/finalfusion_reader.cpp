// finalfusion (.fifu): "FiFu", u32 version 0, u32 chunk count, chunk ids; then chunks of u32 id +
// u64 length + body. Chunks that the header does not list are still read when they follow (older
// finalfusion writers left NdNorms out of the list).
#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

#include "common/error.h"
#include "vectors/finalfusion_chunks.h"
#include "vectors/ndarray_storage.h"
#include "vectors/quantized_storage.h"
#include "vectors/readers.h"

namespace embedkit::vectors {

namespace {

// A file that is one bare storage chunk (finalfusion-rust's storage tests write these): no words,
// only rows, reachable by index.
std::shared_ptr<const WordVectors> read_bare_storage(const std::shared_ptr<const io::MappedFile>& file, bool mmap) {
  ByteReader r(file->data(), file->size(), file->path());
  uint32_t id = r.u32("chunk identifier");
  r.u64("chunk length");
  auto storage = id == uint32_t(ChunkId::NdArray) ? read_ndarray_chunk(r, file, mmap) : read_quantized_chunk(r, file, mmap);
  if (!r.at_end()) r.fail("unexpected data after the storage chunk");
  return std::make_shared<WordVectors>("finalfusion", Vocab(), std::move(storage), std::vector<float>{}, std::nullopt, file->path());
}

}  // namespace

bool is_bare_storage_chunk(const uint8_t* data, size_t size) {
  if (size < 12) return false;
  uint32_t id;
  uint64_t len;
  std::memcpy(&id, data, 4);
  std::memcpy(&len, data + 4, 8);
  return (id == uint32_t(ChunkId::NdArray) || id == uint32_t(ChunkId::QuantizedArray)) && len == size - 12;
}

std::shared_ptr<const WordVectors> read_finalfusion(const std::shared_ptr<const io::MappedFile>& file, bool mmap) {
  if (is_bare_storage_chunk(file->data(), file->size())) return read_bare_storage(file, mmap);
  ByteReader r(file->data(), file->size(), file->path());
  const uint8_t* magic = r.take(4, "magic");
  if (std::string_view(reinterpret_cast<const char*>(magic), 4) != "FiFu") r.fail("not a finalfusion file (no FiFu magic)");
  uint32_t version = r.u32("version");
  if (version != 0)
    throw Error(ErrorKind::Unsupported, file->path() + ": finalfusion version " + std::to_string(version) + " (only 0 exists)");
  uint32_t n_chunks = r.u32("chunk count");
  r.need_items(n_chunks, 4, "chunk identifiers");
  std::vector<uint32_t> listed(n_chunks);
  for (uint32_t i = 0; i < n_chunks; i++) {
    listed[i] = r.u32("chunk identifier");
    if (!is_known_chunk(listed[i])) r.fail("unknown chunk identifier " + std::to_string(listed[i]) + " in the header");
  }
  std::vector<uint32_t> seen;

  std::optional<Vocab> vocab;
  std::unique_ptr<Storage> storage;
  std::vector<float> norms;
  bool have_norms = false;
  std::optional<std::string> metadata;
  while (!r.at_end()) {
    uint32_t id = r.u32("chunk identifier");
    uint64_t len = r.u64("chunk length");
    r.need(len, "chunk body");
    const size_t end = r.pos() + static_cast<size_t>(len);
    seen.push_back(id);
    ByteReader body(file->data(), end, file->path(), r.pos());
    if (is_vocab_chunk(id)) {
      if (vocab) body.fail("a second vocabulary chunk");
      vocab = read_vocab_chunk(id, body);
    } else if (id == uint32_t(ChunkId::NdArray) || id == uint32_t(ChunkId::QuantizedArray)) {
      if (storage) body.fail("a second storage chunk");
      storage = id == uint32_t(ChunkId::NdArray) ? read_ndarray_chunk(body, file, mmap) : read_quantized_chunk(body, file, mmap);
    } else if (id == uint32_t(ChunkId::Metadata)) {
      if (metadata) body.fail("a second Metadata chunk");
      metadata = read_metadata_chunk(body);
    } else if (id == uint32_t(ChunkId::NdNorms)) {
      if (have_norms) body.fail("a second NdNorms chunk");
      norms = read_norms_chunk(body);
      have_norms = true;
    } else {
      r.fail("unknown chunk identifier " + std::to_string(id));
    }
    r.skip(end - r.pos(), "chunk body");
  }
  // A chunk the header lists but the file lacks means the file was cut short. (finalfusion-rust would
  // silently drop a missing NdNorms; a truncated file is better reported.)
  for (uint32_t id : listed)
    if (std::find(seen.begin(), seen.end(), id) == seen.end())
      r.fail(std::string("the header lists a ") + chunk_name(id) + " chunk that is missing (truncated file?)");
  if (!vocab) r.fail("no vocabulary chunk");
  if (!storage) r.fail("no storage chunk");
  return std::make_shared<WordVectors>("finalfusion", std::move(*vocab), std::move(storage), std::move(norms),
                                       std::move(metadata), file->path());
}

}  // namespace embedkit::vectors
