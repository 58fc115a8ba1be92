// fastText .bin (unsupervised, unquantized): magic, version, args, dictionary, input matrix. As in
// finalfusion, each word row becomes the mean of the word's own row and its n-gram rows, word rows are
// then L2-normalized (norms kept) and bucket rows stay raw; unknown words sum their n-gram rows.
#include <cstring>

#include "common/error.h"
#include "vectors/lossy_utf8.h"
#include "vectors/byte_reader.h"
#include "vectors/ndarray_storage.h"
#include "vectors/readers.h"

namespace embedkit::vectors {

namespace {

constexpr int32_t kFastTextMagic = 793712314;
constexpr int32_t kFastTextVersion = 12;

struct FastTextArgs {
  int32_t dim, ws, epoch, min_count, neg, word_ngrams, loss, model, bucket, minn, maxn, lr_update_rate;
  double t;
};

const char* loss_name(int32_t l) { return l == 1 ? "hs" : l == 2 ? "ns" : l == 3 ? "softmax" : l == 4 ? "ova" : "unknown"; }
const char* model_name(int32_t m) { return m == 1 ? "cbow" : m == 2 ? "skipgram" : m == 3 ? "supervised" : "unknown"; }

// finalfusion keeps fastText's training arguments as metadata; same keys here.
std::string args_toml(const FastTextArgs& a) {
  std::string s;
  auto kv = [&](const char* k, const std::string& v) { s += k; s += " = "; s += v; s += "\n"; };
  kv("bucket", std::to_string(a.bucket));
  kv("dims", std::to_string(a.dim));
  kv("epoch", std::to_string(a.epoch));
  kv("loss", std::string("\"") + loss_name(a.loss) + "\"");
  kv("lr_update_rate", std::to_string(a.lr_update_rate));
  kv("max_n", std::to_string(a.maxn));
  kv("min_count", std::to_string(a.min_count));
  kv("min_n", std::to_string(a.minn));
  kv("model", std::string("\"") + model_name(a.model) + "\"");
  kv("neg", std::to_string(a.neg));
  char t[32];
  std::snprintf(t, sizeof t, "%.17g", a.t);
  kv("sampling_threshold", t);
  kv("window_size", std::to_string(a.ws));
  kv("word_ngrams", std::to_string(a.word_ngrams));
  return s;
}

}  // namespace

std::shared_ptr<const WordVectors> read_fasttext_binary(const io::MappedFile& file, bool lossy) {
  const std::string& path = file.path();
  ByteReader r(file.data(), file.size(), path);
  auto unsupported = [&](const std::string& what) { throw Error(ErrorKind::Unsupported, path + ": " + what); };
  if (r.i32("magic") != kFastTextMagic) r.fail("not a fastText model (wrong magic)");
  int32_t version = r.i32("version");
  if (version > kFastTextVersion) unsupported("fastText format version " + std::to_string(version) + " is newer than 12");
  FastTextArgs a{};
  int32_t* ints[] = {&a.dim, &a.ws, &a.epoch, &a.min_count, &a.neg, &a.word_ngrams, &a.loss, &a.model, &a.bucket, &a.minn, &a.maxn, &a.lr_update_rate};
  for (int32_t* p : ints) *p = r.i32("fastText argument");
  a.t = r.f64("fastText sampling threshold");
  if (a.model == 3) unsupported("supervised (classification) fastText models are not supported; use an unsupervised model");
  if (a.loss < 1 || a.loss > 4 || a.model < 1 || a.model > 3) r.fail("invalid fastText loss or model id (a floret .bin? those are not readable as fastText)");
  if (a.dim <= 0 || a.bucket < 0) r.fail("invalid fastText dimensions or bucket count");

  int32_t size = r.i32("dictionary size");
  int32_t nwords = r.i32("dictionary word count");
  int32_t nlabels = r.i32("dictionary label count");
  r.i64("dictionary token count");
  int64_t prune_size = r.i64("dictionary prune index size");
  if (nlabels > 0) unsupported("fastText models with labels (supervised) are not supported");
  if (size < 0 || nwords < 0 || nlabels < 0 || size != nwords + nlabels) r.fail("inconsistent dictionary sizes");
  r.need_items(static_cast<uint64_t>(size), 10, "dictionary entries");  // NUL + i64 count + i8 type at least
  std::vector<std::string> words;
  words.reserve(size);
  for (int32_t i = 0; i < size; i++) {
    const size_t start = r.pos();
    const void* nul = std::memchr(r.data() + start, 0, r.remaining());
    if (!nul) r.fail("truncated: dictionary word without a terminating NUL");
    const size_t len = static_cast<const uint8_t*>(nul) - (r.data() + start);
    std::string_view word(reinterpret_cast<const char*>(r.data() + start), len);
    r.skip(len + 1, "dictionary word");
    r.i64("word count");
    int8_t type = r.read<int8_t>("entry type");
    if (type != 0) unsupported("fastText dictionary entries that are labels are not supported");
    words.push_back(word_text(word, lossy, path, "dictionary word " + std::to_string(i)));
  }
  if (prune_size > 0) unsupported("pruned fastText vocabularies (quantized models) are not supported");

  if (r.read<uint8_t>("input quantization flag") != 0) unsupported("quantized fastText models (.ftz) are not supported");
  int64_t m = r.i64("input matrix rows");
  int64_t n = r.i64("input matrix columns");
  if (m != int64_t(nwords) + a.bucket || n != a.dim)
    r.fail("input matrix is " + std::to_string(m) + "x" + std::to_string(n) + ", expected " +
           std::to_string(int64_t(nwords) + a.bucket) + "x" + std::to_string(a.dim));
  r.need_items(static_cast<uint64_t>(m), static_cast<uint64_t>(n) * 4, "input matrix");
  HugeFloats data(static_cast<size_t>(m * n));
  std::memcpy(data.data(), r.take(m * n * 4, "input matrix"), m * n * 4);
  // fastText writes an output matrix next; finalfusion's writer does not. Check its framing when present.
  if (!r.at_end()) {
    uint8_t qout = r.read<uint8_t>("output quantization flag");
    if (qout == 0) {
      int64_t om = r.i64("output matrix rows");
      int64_t on = r.i64("output matrix columns");
      if (om < 0 || on < 0) r.fail("negative output matrix size");
      r.need_items(static_cast<uint64_t>(om), static_cast<uint64_t>(on) * 4, "output matrix");
      r.skip(om * on * 4, "output matrix");
      if (!r.at_end()) r.fail("unexpected data after the output matrix");
    }
  }

  const size_t dim = static_cast<size_t>(a.dim);
  std::unique_ptr<SubwordIndexer> indexer;
  if (a.maxn > 0) {
    if (a.minn < 1 || a.minn > a.maxn) r.fail("invalid n-gram lengths " + std::to_string(a.minn) + ".." + std::to_string(a.maxn));
    indexer = make_fasttext_indexer(a.minn, a.maxn, static_cast<uint64_t>(a.bucket));
  }
  Vocab vocab(std::move(words), std::move(indexer), path);
  // word row <- mean(word row + its n-gram rows); bucket rows are only read here, so order is safe.
  std::vector<uint64_t> rows;
  for (size_t w = 0; w < vocab.words_len(); w++) {
    vocab.subword_rows(vocab.words()[w], rows);
    if (rows.empty()) continue;
    float* row = data.data() + w * dim;
    for (uint64_t b : rows) {
      const float* src = data.data() + b * dim;
      for (size_t j = 0; j < dim; j++) row[j] += src[j];
    }
    const float inv = 1.0f / static_cast<float>(rows.size() + 1);
    for (size_t j = 0; j < dim; j++) row[j] *= inv;
  }
  auto norms = normalize_rows(data.data(), vocab.words_len(), dim);
  auto storage = std::make_unique<NdArrayStorage>(std::move(data), static_cast<uint64_t>(m), dim);
  return std::make_shared<WordVectors>("fasttext", std::move(vocab), std::move(storage), std::move(norms), args_toml(a), path);
}

}  // namespace embedkit::vectors
