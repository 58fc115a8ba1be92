// The fused similarity scan behind every query: the word rows are scored in blocks against one query
// (GEMV) or many (GEMM) through the chosen BLAS backend (or our kernels), and each block's scores go
// straight into one bounded top-k per query, so all scores are never stored. finalfusion's rules: only
// word rows are candidates, a query's skip list leaves words out, ties go by word (byte order), a NaN
// score is an error.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernels/top_k.h"
#include "vectors/word_vectors.h"

namespace embedkit {
class ThreadPool;
}

namespace embedkit::vectors {

// queries: nq x dim, already L2-normalized. skips[i] (if skips is non-empty) lists word indices query i
// must not return. With a pool, the builtin kernels split the rows over its threads (a BLAS library
// runs its own threads instead). Throws Error(Unsupported) for quantized storage.
std::vector<std::vector<kernels::Scored>> search(const WordVectors& wv, const float* queries, size_t nq, size_t k,
                                                 const std::vector<std::vector<uint32_t>>& skips, ThreadPool* pool);

}  // namespace embedkit::vectors
