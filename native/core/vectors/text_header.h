// The "<rows> <dims>\n" header line of word2vec (binary and text) and fastText .vec files.
#pragma once
#include <cstdint>

#include "vectors/byte_reader.h"

namespace embedkit::vectors {

struct TextHeader {
  uint64_t rows = 0;
  uint64_t dims = 0;
};

// Reads the header at r.pos() and leaves r after its newline; Error(Format) if malformed.
TextHeader read_text_header(ByteReader& r);
// Does the file start with such a header? (for sniffing GloVe vs word2vec text)
bool looks_like_text_header(const uint8_t* data, size_t size);

}  // namespace embedkit::vectors
