// Similarity queries with finalfusion's rules: only word rows are candidates (never subword rows),
// the score is the cosine with the L2-normalized query, results go by descending score with ties broken
// by word (byte order). Needs dense storage: quantized storage is refused, as finalfusion refuses it.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernels/top_k.h"
#include "vectors/word_vectors.h"

namespace embedkit {
class ThreadPool;
}

namespace embedkit::vectors {

using kernels::Scored;

// Nearest words to `query` (dim floats; normalized here). `skip` lists word indices to leave out.
std::vector<Scored> similarity_by_vector(const WordVectors& wv, const float* query, size_t k, const std::vector<size_t>& skip);

// Nearest words to `word` (unknown words via subwords), the word itself left out; nullopt when the
// word has no vector.
std::optional<std::vector<Scored>> word_similarity(const WordVectors& wv, std::string_view word, size_t k);

struct AnalogyResult {
  std::array<bool, 3> found{};  // which of a, b, c have a vector
  std::vector<Scored> items;    // empty unless all three were found
};
// 3CosAdd: nearest words to normalize(e(b) - e(a) + e(c)); remove[i] leaves query word i out of the answers.
AnalogyResult analogy(const WordVectors& wv, const std::array<std::string_view, 3>& words, const std::array<bool, 3>& remove,
                      size_t k);

// Batches: one GEMM-shaped scan for all queries (see search.h); `pool` may be null (calling thread).
// similarity for many words; entry i is nullopt when words[i] has no vector.
std::vector<std::optional<std::vector<Scored>>> word_similarity_batch(const WordVectors& wv, const std::vector<std::string_view>& words,
                                                                      size_t k, ThreadPool* pool);
// analogy for many [a, b, c] triples, the same mask for all.
std::vector<AnalogyResult> analogy_batch(const WordVectors& wv, const std::vector<std::array<std::string_view, 3>>& queries,
                                         const std::array<bool, 3>& remove, size_t k, ThreadPool* pool);

}  // namespace embedkit::vectors
