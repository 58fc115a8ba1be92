#include "vectors/queries.h"

#include <algorithm>

#include "common/error.h"
#include "kernels/pooling.h"
#include "vectors/search.h"

namespace embedkit::vectors {

namespace {

void dense_or_refuse(const WordVectors& wv) {
  if (!wv.storage().dense())
    throw Error(ErrorKind::Unsupported,
                "similarity queries need dense storage; this file's storage is quantized (reconstruct it to an array first)");
}

void normalize(float* v, size_t dim) {
  const double n = kernels::l2_norm(v, dim);
  if (n > 0) kernels::scale(v, static_cast<float>(1.0 / n), dim);
}

std::optional<size_t> index_of(const WordVectors& wv, std::string_view word) { return wv.vocab().word_index(word); }

// target = normalize(e(b) - e(a) + e(c)) into `target`; fills found; false unless all three exist.
bool analogy_target(const WordVectors& wv, const std::array<std::string_view, 3>& words, std::array<bool, 3>& found, float* target,
                    std::vector<float>& scratch) {
  const size_t dim = wv.dim();
  scratch.resize(3 * dim);
  for (int i = 0; i < 3; i++) found[i] = wv.embedding(words[i], scratch.data() + i * dim);
  if (!(found[0] && found[1] && found[2])) return false;
  const float *a = scratch.data(), *b = a + dim, *c = b + dim;
  for (size_t j = 0; j < dim; j++) target[j] = b[j] - a[j] + c[j];
  normalize(target, dim);
  return true;
}

std::vector<uint32_t> analogy_skip(const WordVectors& wv, const std::array<std::string_view, 3>& words, const std::array<bool, 3>& remove) {
  std::vector<uint32_t> skip;
  for (int i = 0; i < 3; i++)
    if (remove[i])
      if (auto idx = index_of(wv, words[i])) skip.push_back(static_cast<uint32_t>(*idx));
  return skip;
}

}  // namespace

std::vector<Scored> similarity_by_vector(const WordVectors& wv, const float* query, size_t k, const std::vector<size_t>& skip) {
  dense_or_refuse(wv);
  std::vector<float> q(query, query + wv.dim());
  normalize(q.data(), q.size());
  std::vector<std::vector<uint32_t>> skips(1);
  for (size_t i : skip) skips[0].push_back(static_cast<uint32_t>(i));
  return std::move(search(wv, q.data(), 1, k, skips, nullptr)[0]);
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
  AnalogyResult result;
  std::vector<float> target(wv.dim()), scratch;
  if (!analogy_target(wv, words, result.found, target.data(), scratch)) return result;
  std::vector<std::vector<uint32_t>> skips{analogy_skip(wv, words, remove)};
  result.items = std::move(search(wv, target.data(), 1, k, skips, nullptr)[0]);
  return result;
}

std::vector<std::optional<std::vector<Scored>>> word_similarity_batch(const WordVectors& wv, const std::vector<std::string_view>& words,
                                                                      size_t k, ThreadPool* pool) {
  dense_or_refuse(wv);
  const size_t dim = wv.dim();
  // The queries that have a vector, packed into one matrix (each already unit length or zero).
  std::vector<float> qs(words.size() * dim);
  std::vector<size_t> which;  // query slot -> position in `words`
  std::vector<std::vector<uint32_t>> skips;
  for (size_t i = 0; i < words.size(); i++) {
    float* q = qs.data() + which.size() * dim;
    if (!wv.embedding(words[i], q)) continue;
    normalize(q, dim);
    std::vector<uint32_t> skip;
    if (auto idx = index_of(wv, words[i])) skip.push_back(static_cast<uint32_t>(*idx));
    skips.push_back(std::move(skip));
    which.push_back(i);
  }
  auto found = search(wv, qs.data(), which.size(), k, skips, pool);
  std::vector<std::optional<std::vector<Scored>>> out(words.size());
  for (size_t j = 0; j < which.size(); j++) out[which[j]] = std::move(found[j]);
  return out;
}

std::vector<AnalogyResult> analogy_batch(const WordVectors& wv, const std::vector<std::array<std::string_view, 3>>& queries,
                                         const std::array<bool, 3>& remove, size_t k, ThreadPool* pool) {
  dense_or_refuse(wv);
  const size_t dim = wv.dim();
  std::vector<AnalogyResult> out(queries.size());
  std::vector<float> targets(queries.size() * dim), scratch;
  std::vector<size_t> which;
  std::vector<std::vector<uint32_t>> skips;
  for (size_t i = 0; i < queries.size(); i++) {
    if (!analogy_target(wv, queries[i], out[i].found, targets.data() + which.size() * dim, scratch)) continue;
    skips.push_back(analogy_skip(wv, queries[i], remove));
    which.push_back(i);
  }
  auto found = search(wv, targets.data(), which.size(), k, skips, pool);
  for (size_t j = 0; j < which.size(); j++) out[which[j]].items = std::move(found[j]);
  return out;
}

}  // namespace embedkit::vectors
