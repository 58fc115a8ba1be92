#include "vectors/queries.h"

#include <algorithm>

#include "common/error.h"
#include "kernels/gemv_top_k.h"
#include "kernels/pooling.h"

namespace embedkit::vectors {

namespace {

const float* dense_or_refuse(const WordVectors& wv) {
  const float* m = wv.storage().dense();
  if (!m)
    throw Error(ErrorKind::Unsupported,
                "similarity queries need dense storage; this file's storage is quantized (reconstruct it to an array first)");
  return m;
}

void normalize(std::vector<float>& v) {
  const double n = kernels::l2_norm(v.data(), v.size());
  if (n > 0) kernels::scale(v.data(), static_cast<float>(1.0 / n), v.size());
}

std::optional<size_t> index_of(const WordVectors& wv, std::string_view word) { return wv.vocab().word_index(word); }

}  // namespace

std::vector<Scored> similarity_by_vector(const WordVectors& wv, const float* query, size_t k, const std::vector<size_t>& skip) {
  const float* m = dense_or_refuse(wv);
  const size_t dim = wv.dim();
  std::vector<float> q(query, query + dim);
  normalize(q);
  const auto& words = wv.vocab().words();
  auto tie_less = [&words](uint32_t a, uint32_t b) { return words[a] < words[b]; };
  kernels::TopK<decltype(tie_less)> top(std::min(k, words.size()), tie_less);
  const auto& scales = wv.word_row_scales();
  auto skipped = [&skip](size_t i) { return std::find(skip.begin(), skip.end(), i) != skip.end(); };
  kernels::gemv_top_k(m, words.size(), dim, q.data(), scales.empty() ? nullptr : scales.data(), skipped, top);
  return std::move(top).sorted();
}

std::optional<std::vector<Scored>> word_similarity(const WordVectors& wv, std::string_view word, size_t k) {
  dense_or_refuse(wv);
  std::vector<float> q(wv.dim());
  if (!wv.embedding(word, q.data())) return std::nullopt;
  std::vector<size_t> skip;
  if (auto i = index_of(wv, word)) skip.push_back(*i);
  return similarity_by_vector(wv, q.data(), k, skip);
}

AnalogyResult analogy(const WordVectors& wv, const std::array<std::string_view, 3>& words, const std::array<bool, 3>& remove,
                      size_t k) {
  dense_or_refuse(wv);
  const size_t dim = wv.dim();
  AnalogyResult result;
  std::vector<float> e[3];
  for (int i = 0; i < 3; i++) {
    e[i].resize(dim);
    result.found[i] = wv.embedding(words[i], e[i].data());
  }
  if (!(result.found[0] && result.found[1] && result.found[2])) return result;
  std::vector<float> target(dim);
  for (size_t j = 0; j < dim; j++) target[j] = e[1][j] - e[0][j] + e[2][j];
  std::vector<size_t> skip;
  for (int i = 0; i < 3; i++)
    if (remove[i])
      if (auto idx = index_of(wv, words[i])) skip.push_back(*idx);
  result.items = similarity_by_vector(wv, target.data(), k, skip);
  return result;
}

}  // namespace embedkit::vectors
