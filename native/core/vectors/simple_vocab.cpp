// SimpleVocab chunk (id 1): u64 count, then count length-prefixed UTF-8 words. Also the word list
// shared by the bucket, fastText and explicit vocab chunks.
#include "vectors/finalfusion_chunks.h"
#include "vectors/vocab_words.h"

namespace embedkit::vectors {

std::vector<std::string> read_word_list(ByteReader& r, uint64_t count) {
  r.need_items(count, 4, "vocabulary words");  // each word takes at least its u32 length
  std::vector<std::string> words;
  words.reserve(count);
  for (uint64_t i = 0; i < count; i++) words.emplace_back(r.string("vocabulary word"));
  return words;
}

Vocab read_simple_vocab(ByteReader& r) {
  uint64_t count = r.u64("SimpleVocab word count");
  return Vocab(read_word_list(r, count), nullptr, r.path());
}

}  // namespace embedkit::vectors
