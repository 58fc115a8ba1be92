// Internal helpers of the finalfusion vocab chunk readers.
#pragma once
#include <string>
#include <vector>

#include "vectors/byte_reader.h"
#include "vectors/vocab.h"

namespace embedkit::vectors {

std::vector<std::string> read_word_list(ByteReader& r, uint64_t count);
Vocab read_simple_vocab(ByteReader& r);
Vocab read_bucketed_vocab(ByteReader& r, bool fasttext);
Vocab read_explicit_vocab(ByteReader& r);
Vocab read_floret_vocab(ByteReader& r);
// Refuses n-gram ranges finalfusion refuses (min_n >= 1, min_n <= max_n).
void check_ngram_range(ByteReader& r, uint32_t min_n, uint32_t max_n);

}  // namespace embedkit::vectors
