// word2vec binary: "<rows> <dims>\n", then per word: the word, a space, dims LE f32, and usually "\n"
// (some files, e.g. GoogleNews, omit it; leading whitespace before a word is skipped as word2vec does).
#include <cstring>

#include "common/error.h"
#include "vectors/lossy_utf8.h"
#include "vectors/byte_reader.h"
#include "vectors/ndarray_storage.h"
#include "vectors/readers.h"
#include "vectors/text_header.h"

namespace embedkit::vectors {

std::shared_ptr<const WordVectors> read_word2vec_binary(const io::MappedFile& file, bool lossy) {
  ByteReader r(file.data(), file.size(), file.path());
  TextHeader h = read_text_header(r);
  // Each record takes at least a 1-byte word, a space and the floats: check before allocating.
  r.need_items(h.rows, h.dims * 4 + 2, "word2vec records");
  std::vector<std::string> words;
  words.reserve(h.rows);
  HugeFloats data(h.rows * h.dims);
  for (uint64_t i = 0; i < h.rows; i++) {
    while (!r.at_end() && (r.data()[r.pos()] == '\n' || r.data()[r.pos()] == '\r' || r.data()[r.pos()] == '\t' || r.data()[r.pos()] == ' '))
      r.skip(1, "whitespace");
    const size_t start = r.pos();
    const void* space = std::memchr(r.data() + start, ' ', r.remaining());
    if (!space) r.fail("truncated: word " + std::to_string(i) + " has no vectors");
    const size_t len = static_cast<const uint8_t*>(space) - (r.data() + start);
    std::string_view word(reinterpret_cast<const char*>(r.take(len, "word")), len);
    if (word.empty()) r.fail("empty word at record " + std::to_string(i));
    words.push_back(word_text(word, lossy, file.path(), "word " + std::to_string(i)));
    r.skip(1, "space");
    std::memcpy(data.data() + i * h.dims, r.take(h.dims * 4, "word2vec vector"), h.dims * 4);
  }
  // Only a final newline (or other whitespace) may follow the last vector.
  while (!r.at_end()) {
    uint8_t c = r.data()[r.pos()];
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') r.fail("more data after the " + std::to_string(h.rows) + " records the header announces");
    r.skip(1, "trailing whitespace");
  }
  auto norms = normalize_rows(data.data(), h.rows, h.dims);
  auto storage = std::make_unique<NdArrayStorage>(std::move(data), h.rows, h.dims);
  return std::make_shared<WordVectors>("word2vec", Vocab(std::move(words), nullptr, file.path()), std::move(storage),
                                       std::move(norms), std::nullopt, file.path());
}

}  // namespace embedkit::vectors
