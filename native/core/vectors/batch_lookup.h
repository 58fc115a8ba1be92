// Many word lookups in one call (finalfusion's embedding_batch): out row i = the vector of words[i],
// zeros when it has none (found[i] = 0). Known words are pipelined — each word is hashed once, its table
// slot prefetched ~16 words ahead and its matrix row ~8 words ahead, so the misses of neighbouring words
// overlap; unknown words sum their n-gram rows with the next rows prefetched. No allocation per word.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vectors/word_vectors.h"

namespace embedkit {
class ThreadPool;
}

namespace embedkit::vectors {

// out: n x dim floats (every value written); found: n flags. With a pool, large batches are split over
// its threads.
void lookup_batch(const WordVectors& wv, const std::string_view* words, size_t n, float* out, uint32_t* found, ThreadPool* pool);

}  // namespace embedkit::vectors
