#include "vectors/search.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "blas/backend.h"
#include "blas/scores.h"
#include "common/error.h"
#include "kernels/dot_rows_top_k.h"
#include "threads/thread_pool.h"

namespace embedkit::vectors {

namespace {

using kernels::Scored;

struct WordTieLess {
  const std::vector<std::string>* words;
  bool operator()(uint32_t a, uint32_t b) const { return (*words)[a] < (*words)[b]; }
};
using Top = kernels::TopK<WordTieLess>;

// What the SIMD filters hand over: rows that reach the query's threshold (or are NaN). Only these pay
// for the NaN check, the skip list and the heap.
struct Candidates {
  Top* top;
  const std::vector<uint32_t>* skip;  // null or empty: nothing to leave out

  static float push(void* ctx, float score, uint32_t row) {
    auto* c = static_cast<Candidates*>(ctx);
    if (std::isnan(score)) throw Error(ErrorKind::Runtime, "a similarity is NaN (the vectors contain NaN or infinity)");
    if (!(c->skip && std::find(c->skip->begin(), c->skip->end(), row) != c->skip->end())) c->top->push(score, row);
    return c->top->threshold();
  }
};

const std::vector<uint32_t>* skip_of(const std::vector<std::vector<uint32_t>>& skips, size_t q) {
  return skips.empty() || skips[q].empty() ? nullptr : &skips[q];
}

// One query, rows [begin, end): the fused kernel, one streaming pass.
void scan_fused(const float* mat, size_t dim, const float* row_scale, const float* query, const std::vector<uint32_t>* skip,
                size_t begin, size_t end, Top& top) {
  Candidates c{&top, skip};
  kernels::dot_rows_top_k_kernel()(mat + begin * dim, end - begin, dim, query, row_scale ? row_scale + begin : nullptr,
                                   static_cast<uint32_t>(begin), top.threshold(), kernels::CandidateSink{&c, &Candidates::push});
}

// Queries [q0, q0 + nq), rows [begin, end): blocks of scores from the backend (sgemv/sgemm or dot_rows),
// each query's row of the block through the SIMD threshold filter.
void scan_blocks(const blas::Backend& be, const float* mat, size_t dim, const float* row_scale, const float* queries, size_t nq,
                 const std::vector<std::vector<uint32_t>>& skips, size_t q0, size_t begin, size_t end, std::vector<Top>& tops) {
  const size_t block = blas::block_rows(be, nq, dim);
  std::unique_ptr<float[]> scores(new float[block * nq]);
  const kernels::ScoresTopKFn filter = kernels::scores_top_k_kernel();
  for (size_t start = begin; start < end; start += block) {
    const size_t n = std::min(block, end - start);
    blas::score_block(be, mat + start * dim, n, dim, queries, nq, scores.get());
    for (size_t qi = 0; qi < nq; qi++) {
      Candidates c{&tops[qi], skip_of(skips, q0 + qi)};
      filter(scores.get() + qi * n, n, row_scale ? row_scale + start : nullptr, static_cast<uint32_t>(start), tops[qi].threshold(),
             kernels::CandidateSink{&c, &Candidates::push});
    }
  }
}

}  // namespace

std::vector<std::vector<Scored>> search(const WordVectors& wv, const float* queries, size_t nq, size_t k,
                                        const std::vector<std::vector<uint32_t>>& skips, ThreadPool* pool) {
  const float* mat = wv.storage().dense();
  if (!mat)
    throw Error(ErrorKind::Unsupported,
                "similarity queries need dense storage; this file's storage is quantized (reconstruct it to an array first)");
  const auto backend = blas::current();  // one snapshot for the whole query, even if use() switches meanwhile
  const size_t dim = wv.dim(), rows = wv.vocab().words_len();
  const auto& scales_v = wv.word_row_scales();
  const float* scales = scales_v.empty() ? nullptr : scales_v.data();
  const WordTieLess tie{&wv.vocab().words()};
  const size_t kk = std::min(k, rows);
  std::vector<std::vector<Scored>> out(nq);
  if (nq == 0) return out;

  // Queries go in groups so one block of scores stays bounded; a BLAS GEMM wants them many at a time.
  const size_t group = backend->builtin() ? 64 : 256;
  for (size_t q0 = 0; q0 < nq; q0 += group) {
    const size_t g = std::min(group, nq - q0);
    const float* qs = queries + q0 * dim;
    const bool builtin = blas::scans_builtin(*backend, g);
    const bool fused = builtin && g == 1;
    // Row ranges run in parallel for the builtin kernels only (a BLAS library threads each call).
    const size_t parts = pool && builtin ? std::max<size_t>(1, std::min(pool->size(), rows / 4096)) : 1;
    std::vector<std::vector<Top>> part_tops(parts);
    for (auto& t : part_tops) {
      t.reserve(g);
      for (size_t i = 0; i < g; i++) t.emplace_back(kk, tie);
    }
    auto body = [&](size_t p_begin, size_t p_end) {
      for (size_t p = p_begin; p < p_end; p++) {
        const size_t begin = rows * p / parts, end = rows * (p + 1) / parts;
        if (fused) scan_fused(mat, dim, scales, qs, skip_of(skips, q0), begin, end, part_tops[p][0]);
        else scan_blocks(*backend, mat, dim, scales, qs, g, skips, q0, begin, end, part_tops[p]);
      }
    };
    if (parts > 1) pool->parallel_for(parts, 1, body);
    else body(0, 1);
    for (size_t i = 0; i < g; i++) {
      if (parts == 1) {
        out[q0 + i] = std::move(part_tops[0][i]).sorted();
        continue;
      }
      Top merged(kk, tie);
      for (auto& t : part_tops)
        for (const Scored& s : std::move(t[i]).sorted()) merged.push(s.score, s.index);
      out[q0 + i] = std::move(merged).sorted();
    }
  }
  return out;
}

}  // namespace embedkit::vectors
