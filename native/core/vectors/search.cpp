#include "vectors/search.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "blas/backend.h"
#include "blas/scores.h"
#include "common/error.h"
#include "threads/thread_pool.h"

namespace embedkit::vectors {

namespace {

using kernels::Scored;

struct WordTieLess {
  const std::vector<std::string>* words;
  bool operator()(uint32_t a, uint32_t b) const { return (*words)[a] < (*words)[b]; }
};
using Top = kernels::TopK<WordTieLess>;

// Scans word rows [begin, end) for queries [q0, q0 + nq) into tops[0..nq).
void scan(const blas::Backend& be, const float* mat, size_t dim, const float* row_scale, const float* queries, size_t nq,
          const std::vector<std::vector<uint32_t>>& skips, size_t q0, size_t begin, size_t end, std::vector<Top>& tops) {
  const size_t block = blas::block_rows(be, nq, dim);
  std::unique_ptr<float[]> scores(new float[block * nq]);
  for (size_t start = begin; start < end; start += block) {
    const size_t n = std::min(block, end - start);
    blas::score_block(be, mat + start * dim, n, dim, queries, nq, scores.get());
    for (size_t qi = 0; qi < nq; qi++) {
      const float* s = scores.get() + qi * n;
      const std::vector<uint32_t>* skip = skips.empty() ? nullptr : &skips[q0 + qi];
      Top& top = tops[qi];
      for (size_t j = 0; j < n; j++) {
        const float v = row_scale ? s[j] * row_scale[start + j] : s[j];
        if (std::isnan(v)) throw Error(ErrorKind::Runtime, "a similarity is NaN (the vectors contain NaN or infinity)");
        const uint32_t idx = static_cast<uint32_t>(start + j);
        if (skip && !skip->empty() && std::find(skip->begin(), skip->end(), idx) != skip->end()) continue;
        top.push(v, idx);
      }
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
    // Row ranges run in parallel for the builtin kernels only (a BLAS library threads each call).
    const size_t parts = pool && backend->builtin() ? std::max<size_t>(1, std::min(pool->size(), rows / 4096)) : 1;
    std::vector<std::vector<Top>> part_tops(parts);
    for (auto& t : part_tops) {
      t.reserve(g);
      for (size_t i = 0; i < g; i++) t.emplace_back(kk, tie);
    }
    auto body = [&](size_t p_begin, size_t p_end) {
      for (size_t p = p_begin; p < p_end; p++)
        scan(*backend, mat, dim, scales, qs, g, skips, q0, rows * p / parts, rows * (p + 1) / parts, part_tops[p]);
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
