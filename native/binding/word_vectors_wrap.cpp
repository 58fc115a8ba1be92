#include "binding/word_vectors_wrap.h"

#include <cstring>

#include "binding/async.h"
#include "binding/buffers.h"
#include "binding/errors.h"
#include "binding/inputs.h"
#include "binding/instance.h"
#include "common/float_array.h"
#include "threads/thread_pool.h"
#include "vectors/batch_lookup.h"
#include "vectors/queries.h"
#include "vectors/readers.h"
#include "vectors/writers.h"

namespace embedkit::binding {

using vectors::Scored;
using vectors::WordVectors;
using Results = std::optional<std::vector<Scored>>;

namespace {

vectors::OpenOptions read_open_options(const Napi::CallbackInfo& info) {
  vectors::OpenOptions options;
  if (info.Length() > 1 && info[1].IsObject()) {
    Napi::Object o = info[1].As<Napi::Object>();
    Napi::Value format = o.Get("format");
    if (format.IsString()) options.format = format.As<Napi::String>().Utf8Value();
    Napi::Value mmap = o.Get("mmap");
    if (mmap.IsBoolean()) options.mmap = mmap.As<Napi::Boolean>().Value();
    Napi::Value lossy = o.Get("lossy");
    if (lossy.IsBoolean()) options.lossy = lossy.As<Napi::Boolean>().Value();
  }
  return options;
}

std::string read_path(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsString()) throw_argument(info.Env(), "the vectors file path must be a string");
  return info[0].As<Napi::String>().Utf8Value();
}

Napi::Value results_value(Napi::Env env, const WordVectors& wv, const Results& results) {
  if (!results) return env.Null();
  const auto& words = wv.vocab().words();
  Napi::Array out = Napi::Array::New(env, results->size());
  for (size_t i = 0; i < results->size(); i++) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("word", Napi::String::New(env, words[(*results)[i].index]));
    o.Set("similarity", Napi::Number::New(env, (*results)[i].score));
    out.Set(static_cast<uint32_t>(i), o);
  }
  return out;
}

struct Batch {
  FloatArray data;  // uninitialized and recycled: every row is written below
  std::vector<uint32_t> found;
};

// One native pass over the batch (vectors/batch_lookup.h): hashed once, prefetched, no allocation per word.
Batch lookup_batch(const WordVectors& wv, const std::vector<std::string_view>& words, ThreadPool* pool = nullptr) {
  const size_t dim = wv.dim();
  Batch b{FloatArray(words.size() * dim), std::vector<uint32_t>(words.size(), 0)};
  vectors::lookup_batch(wv, words.data(), words.size(), b.data.data(), b.found.data(), pool);
  return b;
}

// The words of a batch as ONE JS string, joined by U+0000 (lib/word-vectors.ts packs them): one UTF-8
// conversion for the whole batch instead of one N-API round trip per word. False when the string does
// not split into exactly n words (a word contained U+0000): the caller then passes the array instead.
bool read_joined(Napi::Env env, const Napi::Value& v, size_t n, TextBatch& out) {
  size_t len = 0;
  if (napi_get_value_string_utf8(env, v, nullptr, 0, &len) != napi_ok) throw_argument(env, "words could not be read");
  out.bytes.resize(len + 1);
  napi_get_value_string_utf8(env, v, &out.bytes[0], len + 1, &len);
  out.bytes.resize(len);
  out.ends.clear();
  if (n == 0) return len == 0;
  out.ends.reserve(n);
  size_t w = 0;  // compact in place: TextBatch keeps words back to back, without separators
  for (size_t r = 0; r < len; r++) {
    const char c = out.bytes[r];
    if (c == '\0') out.ends.push_back(w);
    else out.bytes[w++] = c;
  }
  out.ends.push_back(w);
  out.bytes.resize(w);
  return out.ends.size() == n;
}

// words: an array of strings/byte views, or (joined, n) as above. nullopt: the joined form did not split.
std::optional<TextBatch> read_words(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() > 0 && info[0].IsString()) {
    TextBatch b;
    const size_t n = read_limit(env, info[1], 0, "word count");
    if (!read_joined(env, info[0], n, b)) return std::nullopt;
    return b;
  }
  return read_texts(env, info[0], "words");
}

// The synchronous lookups' fast path for the joined form: the UTF-8 bytes go into a per-thread buffer
// that is reused across calls (one conversion, no allocation once it is large enough), and the words are
// views into it, cut at each U+0000 with memchr. Views stay valid until the next call on this thread.
struct JoinedViews {
  std::string bytes;
  std::vector<std::string_view> views;
};

bool read_joined_views(Napi::Env env, napi_value v, size_t n, JoinedViews& out) {
  if (out.bytes.size() < 4096) out.bytes.resize(4096);
  size_t len = 0;
  if (napi_get_value_string_utf8(env, v, &out.bytes[0], out.bytes.size(), &len) != napi_ok) throw_argument(env, "words could not be read");
  // The conversion stops before a character that does not fit whole: a result this close to the end may
  // be cut short, so ask for the exact length and convert again.
  if (len + 4 >= out.bytes.size()) {
    napi_get_value_string_utf8(env, v, nullptr, 0, &len);
    out.bytes.resize(len + 64);
    napi_get_value_string_utf8(env, v, &out.bytes[0], out.bytes.size(), &len);
  }
  out.views.clear();
  out.views.reserve(n);
  const char* p = out.bytes.data();
  const char* end = p + len;
  while (true) {
    const char* z = static_cast<const char*>(std::memchr(p, '\0', static_cast<size_t>(end - p)));
    if (!z) break;
    out.views.emplace_back(p, static_cast<size_t>(z - p));
    p = z + 1;
  }
  out.views.emplace_back(p, static_cast<size_t>(end - p));
  if (n == 0) return len == 0 ? (out.views.clear(), true) : false;
  return out.views.size() == n;
}

// The words of a synchronous lookup as views: the fast path above, or the array form (TextBatch kept in
// `held`). nullopt: the joined form did not split (the caller answers undefined; JS retries with the array).
std::optional<std::vector<std::string_view>*> sync_words(const Napi::CallbackInfo& info, std::optional<TextBatch>& held,
                                                         std::vector<std::string_view>& array_views) {
  Napi::Env env = info.Env();
  if (info.Length() > 0 && info[0].IsString()) {
    thread_local JoinedViews joined;
    const size_t n = read_limit(env, info[1], 0, "word count");
    if (!read_joined_views(env, info[0], n, joined)) return std::nullopt;
    return &joined.views;
  }
  held = read_texts(env, info[0], "words");
  array_views = held->views();
  return &array_views;
}

Napi::Value batch_value(Napi::Env env, Batch&& b, size_t rows, size_t dim) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("rows", Napi::Number::New(env, static_cast<double>(rows)));
  out.Set("dim", Napi::Number::New(env, static_cast<double>(dim)));
  out.Set("data", float32_array(env, std::move(b.data)));
  out.Set("found", uint32_array(env, std::move(b.found)));
  return out;
}

// One GEMM-shaped scan for the whole batch (vectors/search.h).
std::vector<Results> similarity_batch(const WordVectors& wv, const std::vector<std::string_view>& words, size_t k, ThreadPool* pool) {
  return vectors::word_similarity_batch(wv, words, k, pool);
}

Napi::Value batch_results_value(Napi::Env env, const WordVectors& wv, const std::vector<Results>& all) {
  Napi::Array out = Napi::Array::New(env, all.size());
  for (size_t i = 0; i < all.size(); i++) out.Set(static_cast<uint32_t>(i), results_value(env, wv, all[i]));
  return out;
}

std::array<bool, 3> read_mask(const Napi::CallbackInfo& info, size_t at) {
  std::array<bool, 3> remove{true, true, true};
  if (info.Length() > at && info[at].IsArray()) {
    Napi::Array m = info[at].As<Napi::Array>();
    for (uint32_t i = 0; i < 3 && i < m.Length(); i++) remove[i] = m.Get(i).ToBoolean().Value();
  }
  return remove;
}

// analogies: a flat list of 3n words, read as n [a, b, c] triples.
std::vector<std::array<std::string_view, 3>> triples(Napi::Env env, const TextBatch& words) {
  if (words.size() % 3 != 0) throw_argument(env, "analogy batches need three words per query");
  auto views = words.views();
  std::vector<std::array<std::string_view, 3>> out(views.size() / 3);
  for (size_t i = 0; i < out.size(); i++) out[i] = {views[3 * i], views[3 * i + 1], views[3 * i + 2]};
  return out;
}

Napi::Value analogy_batch_value(Napi::Env env, const WordVectors& wv, std::vector<vectors::AnalogyResult>& all) {
  Napi::Array out = Napi::Array::New(env, all.size());
  for (size_t i = 0; i < all.size(); i++) {
    auto& r = all[i];
    const bool ok = r.found[0] && r.found[1] && r.found[2];
    out.Set(static_cast<uint32_t>(i), ok ? results_value(env, wv, Results(std::move(r.items))) : env.Null());
  }
  return out;
}

}  // namespace

void WordVectorsWrap::Init(Napi::Env env, Napi::Object exports) {
  Napi::Function ctor = DefineClass(env, "WordVectors",
                                    {
                                        StaticMethod<&WordVectorsWrap::Open>("open"),
                                        StaticMethod<&WordVectorsWrap::OpenSync>("openSync"),
                                        InstanceMethod<&WordVectorsWrap::Info>("info"),
                                        InstanceMethod<&WordVectorsWrap::Vocab>("vocab"),
                                        InstanceMethod<&WordVectorsWrap::Metadata>("metadata"),
                                        InstanceMethod<&WordVectorsWrap::Norms>("norms"),
                                        InstanceMethod<&WordVectorsWrap::Embedding>("embedding"),
                                        InstanceMethod<&WordVectorsWrap::EmbeddingInto>("embeddingInto"),
                                        InstanceMethod<&WordVectorsWrap::Embeddings>("embeddings"),
                                        InstanceMethod<&WordVectorsWrap::EmbeddingsSync>("embeddingsSync"),
                                        InstanceMethod<&WordVectorsWrap::EmbeddingsIntoSync>("embeddingsIntoSync"),
                                        InstanceMethod<&WordVectorsWrap::Row>("row"),
                                        InstanceMethod<&WordVectorsWrap::SubwordRows>("subwordRows"),
                                        InstanceMethod<&WordVectorsWrap::SimilaritySync>("similaritySync"),
                                        InstanceMethod<&WordVectorsWrap::SimilarityBatch>("similarityBatch"),
                                        InstanceMethod<&WordVectorsWrap::SimilarityBatchSync>("similarityBatchSync"),
                                        InstanceMethod<&WordVectorsWrap::SimilarityByVectorSync>("similarityByVectorSync"),
                                        InstanceMethod<&WordVectorsWrap::AnalogySync>("analogySync"),
                                        InstanceMethod<&WordVectorsWrap::AnalogyBatch>("analogyBatch"),
                                        InstanceMethod<&WordVectorsWrap::AnalogyBatchSync>("analogyBatchSync"),
                                        InstanceMethod<&WordVectorsWrap::Save>("save"),
                                        InstanceMethod<&WordVectorsWrap::SaveSync>("saveSync"),
                                    });
  instance(env).word_vectors = Napi::Persistent(ctor);
  exports.Set("WordVectors", ctor);
}

WordVectorsWrap::WordVectorsWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<WordVectorsWrap>(info) {
  if (info.Length() != 1 || !info[0].IsExternal())
    throw make_error(info.Env(), ErrorKind::Argument, "use WordVectors.open(path) to open word vectors");
  wv_ = *info[0].As<Napi::External<std::shared_ptr<const WordVectors>>>().Data();
}

Napi::Object WordVectorsWrap::Wrap(Napi::Env env, std::shared_ptr<const WordVectors> wv) {
  std::shared_ptr<const WordVectors> holder = std::move(wv);
  auto external = Napi::External<std::shared_ptr<const WordVectors>>::New(env, &holder);
  return instance(env).word_vectors.New({external});
}

Napi::Value WordVectorsWrap::OpenSync(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    return Wrap(info.Env(), vectors::open_word_vectors(read_path(info), read_open_options(info)));
  });
}

Napi::Value WordVectorsWrap::Open(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    std::string path = read_path(info);
    auto options = read_open_options(info);
    return run_async(info.Env(), [path, options]() -> Completion {
      auto wv = vectors::open_word_vectors(path, options);
      return [wv](Napi::Env env) -> Napi::Value { return Wrap(env, wv); };
    });
  });
}

Napi::Value WordVectorsWrap::Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const WordVectors& wv = *wv_;
  Napi::Object out = Napi::Object::New(env);
  out.Set("format", Napi::String::New(env, wv.format()));
  out.Set("dim", Napi::Number::New(env, static_cast<double>(wv.dim())));
  out.Set("words", Napi::Number::New(env, static_cast<double>(wv.vocab().words_len())));
  out.Set("rows", Napi::Number::New(env, static_cast<double>(wv.storage().rows())));
  out.Set("storage", Napi::String::New(env, wv.storage().kind()));
  out.Set("mmap", Napi::Boolean::New(env, wv.storage().mapped()));
  const auto* sub = wv.vocab().subwords();
  out.Set("subwords", sub ? Napi::Value(Napi::String::New(env, sub->kind())) : env.Null());
  out.Set("minN", sub ? Napi::Value(Napi::Number::New(env, sub->min_n())) : env.Null());
  out.Set("maxN", sub ? Napi::Value(Napi::Number::New(env, sub->max_n())) : env.Null());
  out.Set("subwordRows", Napi::Number::New(env, sub ? static_cast<double>(sub->upper_bound()) : 0.0));
  return out;
}

Napi::Value WordVectorsWrap::Vocab(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto& words = wv_->vocab().words();
  Napi::Array out = Napi::Array::New(env, words.size());
  for (size_t i = 0; i < words.size(); i++) out.Set(static_cast<uint32_t>(i), Napi::String::New(env, words[i]));
  return out;
}

Napi::Value WordVectorsWrap::Metadata(const Napi::CallbackInfo& info) {
  const auto& m = wv_->metadata();
  return m ? Napi::Value(Napi::String::New(info.Env(), *m)) : info.Env().Null();
}

Napi::Value WordVectorsWrap::Norms(const Napi::CallbackInfo& info) {
  if (wv_->norms().empty()) return info.Env().Null();
  return float32_array(info.Env(), std::vector<float>(wv_->norms()));
}

// embedding(word) -> { data: Float32Array, norm } | null
Napi::Value WordVectorsWrap::Embedding(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    std::string word = read_text(env, info[0], "word");
    Napi::Float32Array v = Napi::Float32Array::New(env, wv_->dim());  // V8-owned: no finalizer per call
    float norm = 0;
    if (!wv_->embedding(word, v.Data(), &norm)) return env.Null();
    Napi::Object out = Napi::Object::New(env);
    out.Set("data", v);
    out.Set("norm", Napi::Number::New(env, norm));
    return out;
  });
}

// embeddingInto(word, out: Float32Array of dim) -> boolean: out holds the vector (true), or is left as
// it was (false: no vector). No buffer per call: creating a typed array of a few hundred floats costs
// Node 1-3 µs, ten times the lookup.
Napi::Value WordVectorsWrap::EmbeddingInto(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    std::string word = read_text(env, info[0], "word");
    const size_t dim = wv_->dim();
    // One napi_get_typedarray_info for type, length and data (node-addon-api's checks call it once each,
    // which was a third of this call).
    napi_typedarray_type type = napi_int8_array;
    size_t length = 0;
    void* data = nullptr;
    if (info.Length() < 2 || napi_get_typedarray_info(env, info[1], &type, &length, &data, nullptr, nullptr) != napi_ok ||
        type != napi_float32_array || length != dim)
      throw_argument(env, "out must be a Float32Array of " + std::to_string(dim) + " floats (the vectors' dim)");
    return Napi::Boolean::New(env, wv_->embedding(word, static_cast<float*>(data)));  // false: out untouched
  });
}

// embeddingsSync(words | joined, n?) -> { rows, dim, data, found } | undefined (joined form did not split)
Napi::Value WordVectorsWrap::EmbeddingsSync(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    std::optional<TextBatch> held;
    std::vector<std::string_view> array_views;
    auto words = sync_words(info, held, array_views);
    if (!words) return env.Undefined();
    const std::vector<std::string_view>& views = **words;
    const size_t dim = wv_->dim();
    // A V8-owned buffer: a tight synchronous loop gets its memory back at once (an external buffer would
    // wait for the event loop to run its finalizer).
    Napi::Float32Array data = Napi::Float32Array::New(env, views.size() * dim);
    Napi::Uint32Array found = Napi::Uint32Array::New(env, views.size());
    vectors::lookup_batch(*wv_, views.data(), views.size(), data.Data(), found.Data(), nullptr);
    Napi::Object out = Napi::Object::New(env);
    out.Set("rows", Napi::Number::New(env, static_cast<double>(views.size())));
    out.Set("dim", Napi::Number::New(env, static_cast<double>(dim)));
    out.Set("data", data);
    out.Set("found", found);
    return out;
  });
}

Napi::Value WordVectorsWrap::Embeddings(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    auto words = read_words(info);
    if (!words) return env.Undefined();
    auto batch = std::make_shared<TextBatch>(std::move(*words));
    auto wv = wv_;
    return run_async(env, [wv, batch]() -> Completion {
      auto views = batch->views();
      auto b = std::make_shared<Batch>(lookup_batch(*wv, views, &ThreadPool::global()));
      size_t rows = views.size(), dim = wv->dim();
      return [b, rows, dim](Napi::Env env) -> Napi::Value { return batch_value(env, std::move(*b), rows, dim); };
    });
  });
}

// embeddingsIntoSync(words, out: Float32Array of words.length * dim[, found: Uint32Array of words.length])
// -> Uint32Array found flags (the one given, or a new one).
Napi::Value WordVectorsWrap::EmbeddingsIntoSync(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    const size_t at = info.Length() > 0 && info[0].IsString() ? 2 : 1;  // (joined, n, out[, found]) or (words, out[, found])
    std::optional<TextBatch> held;
    std::vector<std::string_view> array_views;
    auto words = sync_words(info, held, array_views);
    if (!words) return env.Undefined();
    const std::vector<std::string_view>& views = **words;
    if (info.Length() <= at || !info[at].IsTypedArray() || info[at].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array)
      throw_argument(env, "the output must be a Float32Array");
    Napi::Float32Array out = info[at].As<Napi::Float32Array>();
    const size_t dim = wv_->dim();
    if (out.ElementLength() != views.size() * dim)
      throw_argument(env, "the output has " + std::to_string(out.ElementLength()) + " floats; " + std::to_string(views.size()) +
                              " words of dim " + std::to_string(dim) + " need " + std::to_string(views.size() * dim));
    Napi::Uint32Array found;
    if (info.Length() > at + 1 && !info[at + 1].IsUndefined()) {
      if (!info[at + 1].IsTypedArray() || info[at + 1].As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array ||
          info[at + 1].As<Napi::Uint32Array>().ElementLength() != views.size())
        throw_argument(env, "found must be a Uint32Array of " + std::to_string(views.size()) + " flags");
      found = info[at + 1].As<Napi::Uint32Array>();
    } else {
      found = Napi::Uint32Array::New(env, views.size());
    }
    vectors::lookup_batch(*wv_, views.data(), views.size(), out.Data(), found.Data(), nullptr);
    return found;
  });
}

// row(i) -> Float32Array: storage row i (reconstructed for quantized storage), subword rows included.
Napi::Value WordVectorsWrap::Row(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    size_t i = read_limit(env, info[0], SIZE_MAX, "row");
    if (i >= wv_->storage().rows())
      throw_argument(env, "row " + std::to_string(i) + " is out of range (the storage has " + std::to_string(wv_->storage().rows()) + " rows)");
    std::vector<float> v(wv_->dim());
    wv_->storage().row(i, v.data());
    return float32_array(env, std::move(v));
  });
}

// subwordRows(word) -> number[]: storage rows of the word's n-grams (what an unknown word sums).
Napi::Value WordVectorsWrap::SubwordRows(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    std::string word = read_text(env, info[0], "word");
    std::vector<uint64_t> rows;
    wv_->vocab().subword_rows(word, rows);
    Napi::Array out = Napi::Array::New(env, rows.size());
    for (size_t i = 0; i < rows.size(); i++) out.Set(static_cast<uint32_t>(i), Napi::Number::New(env, static_cast<double>(rows[i])));
    return out;
  });
}

// similaritySync(word, k) -> [{ word, similarity }] | null
Napi::Value WordVectorsWrap::SimilaritySync(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    std::string word = read_text(env, info[0], "word");
    size_t k = read_limit(env, info[1], 10, "k");
    return results_value(env, *wv_, vectors::word_similarity(*wv_, word, k));
  });
}

Napi::Value WordVectorsWrap::SimilarityBatchSync(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    TextBatch batch = read_texts(env, info[0], "words");
    size_t k = read_limit(env, info[1], 10, "k");
    return batch_results_value(env, *wv_, similarity_batch(*wv_, batch.views(), k, nullptr));
  });
}

Napi::Value WordVectorsWrap::SimilarityBatch(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    auto batch = std::make_shared<TextBatch>(read_texts(env, info[0], "words"));
    size_t k = read_limit(env, info[1], 10, "k");
    auto wv = wv_;
    return run_async(env, [wv, batch, k]() -> Completion {
      auto all = std::make_shared<std::vector<Results>>(similarity_batch(*wv, batch->views(), k, &ThreadPool::global()));
      return [wv, all](Napi::Env env) -> Napi::Value { return batch_results_value(env, *wv, *all); };
    });
  });
}

// similarityByVectorSync(Float32Array, k, skipWords?: string[]) -> [{ word, similarity }]
Napi::Value WordVectorsWrap::SimilarityByVectorSync(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array)
      throw_argument(env, "the query vector must be a Float32Array");
    Napi::Float32Array v = info[0].As<Napi::Float32Array>();
    if (v.ElementLength() != wv_->dim())
      throw_argument(env, "the query vector has " + std::to_string(v.ElementLength()) + " values, the vectors have " +
                              std::to_string(wv_->dim()));
    size_t k = read_limit(env, info[1], 10, "k");
    std::vector<size_t> skip;
    if (info.Length() > 2 && !info[2].IsUndefined() && !info[2].IsNull()) {
      TextBatch words = read_texts(env, info[2], "skip");
      for (auto w : words.views())
        if (auto i = wv_->vocab().word_index(w)) skip.push_back(*i);
    }
    std::vector<float> q(v.Data(), v.Data() + v.ElementLength());  // Data() already honours byteOffset
    return results_value(env, *wv_, vectors::similarity_by_vector(*wv_, q.data(), k, skip));
  });
}

// analogySync([a, b, c], k, [removeA, removeB, removeC]) -> { found: boolean[3], results: [...] | null }
Napi::Value WordVectorsWrap::AnalogySync(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    TextBatch words = read_texts(env, info[0], "words");
    if (words.size() != 3) throw_argument(env, "analogy needs exactly three words [a, b, c]");
    size_t k = read_limit(env, info[1], 10, "k");
    std::array<bool, 3> remove{true, true, true};
    if (info.Length() > 2 && info[2].IsArray()) {
      Napi::Array m = info[2].As<Napi::Array>();
      for (uint32_t i = 0; i < 3 && i < m.Length(); i++) remove[i] = m.Get(i).ToBoolean().Value();
    }
    auto views = words.views();
    auto r = vectors::analogy(*wv_, {views[0], views[1], views[2]}, remove, k);
    Napi::Object out = Napi::Object::New(env);
    Napi::Array found = Napi::Array::New(env, 3);
    for (uint32_t i = 0; i < 3; i++) found.Set(i, Napi::Boolean::New(env, r.found[i]));
    out.Set("found", found);
    bool all = r.found[0] && r.found[1] && r.found[2];
    out.Set("results", all ? results_value(env, *wv_, Results(std::move(r.items))) : env.Null());
    return out;
  });
}

// analogyBatchSync(words: string[3n], k, mask) -> ([{ word, similarity }] | null)[]
Napi::Value WordVectorsWrap::AnalogyBatchSync(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    TextBatch words = read_texts(env, info[0], "words");
    size_t k = read_limit(env, info[1], 10, "k");
    auto all = vectors::analogy_batch(*wv_, triples(env, words), read_mask(info, 2), k, nullptr);
    return analogy_batch_value(env, *wv_, all);
  });
}

Napi::Value WordVectorsWrap::AnalogyBatch(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    auto words = std::make_shared<TextBatch>(read_texts(env, info[0], "words"));
    size_t k = read_limit(env, info[1], 10, "k");
    auto queries = std::make_shared<std::vector<std::array<std::string_view, 3>>>(triples(env, *words));
    auto remove = read_mask(info, 2);
    auto wv = wv_;
    return run_async(env, [wv, words, queries, remove, k]() -> Completion {
      auto all = std::make_shared<std::vector<vectors::AnalogyResult>>(
          vectors::analogy_batch(*wv, *queries, remove, k, &ThreadPool::global()));
      return [wv, all](Napi::Env env) -> Napi::Value { return analogy_batch_value(env, *wv, *all); };
    });
  });
}

// save(path, { format, metadata?: string | null, unnormalize }) / saveSync: lib/word-vectors.ts has
// checked the options; `metadata` absent keeps the file's own, null drops it.
namespace {

vectors::WriteOptions read_write_options(const Napi::CallbackInfo& info) {
  vectors::WriteOptions options;
  if (info.Length() < 2 || !info[1].IsObject()) throw_argument(info.Env(), "save options must be an object");
  Napi::Object o = info[1].As<Napi::Object>();
  Napi::Value format = o.Get("format");
  if (!format.IsString()) throw_argument(info.Env(), "save needs a format");
  options.format = format.As<Napi::String>().Utf8Value();
  if (o.Has("metadata")) {
    Napi::Value m = o.Get("metadata");
    if (m.IsString()) {
      options.replace_metadata = true;
      options.metadata = m.As<Napi::String>().Utf8Value();
    } else if (m.IsNull()) {
      options.replace_metadata = true;
    }
  }
  Napi::Value unnormalize = o.Get("unnormalize");
  if (unnormalize.IsBoolean()) options.unnormalize = unnormalize.As<Napi::Boolean>().Value();
  return options;
}

}  // namespace

Napi::Value WordVectorsWrap::SaveSync(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    vectors::write_word_vectors(*wv_, read_path(info), read_write_options(info));
    return info.Env().Undefined();
  });
}

Napi::Value WordVectorsWrap::Save(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    std::string path = read_path(info);
    auto options = read_write_options(info);
    std::shared_ptr<const WordVectors> wv = wv_;  // kept alive while the pool writes
    return run_async(info.Env(), [wv, path, options]() -> Completion {
      vectors::write_word_vectors(*wv, path, options);
      return [](Napi::Env env) -> Napi::Value { return env.Undefined(); };
    });
  });
}

}  // namespace embedkit::binding
