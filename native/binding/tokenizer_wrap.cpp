#include "binding/tokenizer_wrap.h"

#include <cstring>

#include "binding/async.h"
#include "binding/buffers.h"
#include "binding/errors.h"
#include "binding/inputs.h"
#include "binding/instance.h"
#include "binding/tokenizer_options.h"
#include "tokenizer/pipeline_flat.h"
#include "threads/thread_pool.h"

namespace embedkit::binding {

using tok::Encoding;
using tok::Tokenizer;

namespace {

bool read_add_special(const Napi::CallbackInfo& info, size_t index) {
  if (info.Length() <= index || info[index].IsUndefined() || info[index].IsNull()) return true;
  if (!info[index].IsBoolean()) throw_argument(info.Env(), "addSpecialTokens must be a boolean");
  return info[index].As<Napi::Boolean>().Value();
}

std::string read_string_arg(const Napi::CallbackInfo& info, const char* what) {
  if (info.Length() < 1 || !info[0].IsString()) throw_argument(info.Env(), std::string(what) + " must be a string");
  return info[0].As<Napi::String>().Utf8Value();
}

Napi::Uint8Array uint8_array(Napi::Env env, const std::vector<uint8_t>& data) {
  Napi::Uint8Array out = Napi::Uint8Array::New(env, data.size());
  if (!data.empty()) std::memcpy(out.Data(), data.data(), data.size());
  return out;
}

// `out` plus the overflow windows of `f` (truncation), as one more flat batch.
Napi::Object with_windows(Napi::Env env, Napi::Object out, tok::FlatEncodings&& f);

// Small results (one text, a few texts) go into ONE ArrayBuffer with the typed arrays as views of it:
// creating an ArrayBuffer costs Node 1-3 µs, so eight of them were ~12 µs of a 14 µs encode() of a short
// text. Big batches keep one zero-copy buffer per array (copying megabytes costs more than eight buffers).
constexpr size_t kPackedMax = size_t(256) << 10;

size_t packed_bytes(const tok::FlatEncodings& f) {
  return 4 * (f.counts.size() + f.ids.size() + f.type_ids.size() + f.offsets.size() + f.token_ends.size()) +
         f.attention_mask.size() + f.special_tokens_mask.size() + f.tokens.size();
}

void set_packed_arrays(Napi::Env env, Napi::Object out, const tok::FlatEncodings& f, size_t bytes) {
  Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(env, bytes);
  uint8_t* base = static_cast<uint8_t*>(buffer.Data());
  size_t at = 0;  // the u32 arrays first, so that each starts 4-aligned
  auto u32 = [&](const char* name, const std::vector<uint32_t>& v) {
    if (!v.empty()) std::memcpy(base + at, v.data(), 4 * v.size());
    out.Set(name, Napi::Uint32Array::New(env, v.size(), buffer, at));
    at += 4 * v.size();
  };
  auto u8 = [&](const char* name, const void* data, size_t n) {
    if (n) std::memcpy(base + at, data, n);
    out.Set(name, Napi::Uint8Array::New(env, n, buffer, at));
    at += n;
  };
  u32("counts", f.counts);
  u32("ids", f.ids);
  u32("typeIds", f.type_ids);
  u32("offsets", f.offsets);
  u32("tokenEnds", f.token_ends);
  u8("attentionMask", f.attention_mask.data(), f.attention_mask.size());
  u8("specialTokensMask", f.special_tokens_mask.data(), f.special_tokens_mask.size());
  u8("tokenBytes", f.tokens.data(), f.tokens.size());
}

// A batch as JS gets it: the flat buffers (lib/tokenizer.ts hands out per-text views of them), token
// strings as UTF-8 bytes that JS decodes only when some encoding's `tokens` is read, and `overflowing`:
// all overflow windows as one more flat batch, `overflowCounts[i]` of them for encoding i.
Napi::Object batch_object(Napi::Env env, tok::FlatEncodings&& f) {
  Napi::Object out = Napi::Object::New(env);
  const size_t packed = packed_bytes(f);
  if (packed > 0 && packed <= kPackedMax) {
    set_packed_arrays(env, out, f, packed);
    return with_windows(env, out, std::move(f));
  }
  out.Set("counts", uint32_array(env, std::move(f.counts)));
  out.Set("ids", uint32_array(env, std::move(f.ids)));
  out.Set("typeIds", uint32_array(env, std::move(f.type_ids)));
  out.Set("attentionMask", uint8_array(env, f.attention_mask));
  out.Set("specialTokensMask", uint8_array(env, f.special_tokens_mask));
  out.Set("offsets", uint32_array(env, std::move(f.offsets)));
  Napi::Uint8Array tokens = Napi::Uint8Array::New(env, f.tokens.size());
  if (!f.tokens.empty()) std::memcpy(tokens.Data(), f.tokens.data(), f.tokens.size());
  out.Set("tokenBytes", tokens);
  out.Set("tokenEnds", uint32_array(env, std::move(f.token_ends)));
  return with_windows(env, out, std::move(f));
}

Napi::Object with_windows(Napi::Env env, Napi::Object out, tok::FlatEncodings&& f) {
  if (!f.window_counts.empty()) {
    tok::FlatEncodings windows;
    for (Encoding& w : f.windows) {
      w.overflowing.clear();  // a window has no windows of its own in HF's API
      windows.append(std::move(w));
    }
    out.Set("overflowing", batch_object(env, std::move(windows)));
    out.Set("overflowCounts", uint32_array(env, std::move(f.window_counts)));
  }
  return out;
}

// What encode / encodeBatch were asked for beyond the texts: second sequences, truncation, padding.
struct EncodeRequest {
  bool add_special = true;
  std::optional<TextBatch> pairs;  // second sequences, where has_pair[i]
  std::vector<uint8_t> has_pair;
  std::optional<tok::Truncation> truncation;
  std::optional<tok::Padding> padding;
};

// (…, addSpecialTokens, pairs, hasPair, truncation, padding) from argument `at` on; pairs may be undefined.
EncodeRequest read_request(const Napi::CallbackInfo& info, size_t at, const Tokenizer& t) {
  Napi::Env env = info.Env();
  EncodeRequest r;
  r.add_special = read_add_special(info, at);
  auto arg = [&](size_t k) { return info.Length() > at + k ? info[at + k] : env.Undefined(); };
  if (!arg(1).IsUndefined() && !arg(1).IsNull()) {
    r.pairs = read_texts(env, arg(1), "pairs");
    const Napi::Value flags = arg(2);
    if (!flags.IsTypedArray() || flags.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
      throw_argument(env, "hasPair must be a Uint8Array");
    Napi::Uint8Array a = flags.As<Napi::Uint8Array>();
    if (a.ElementLength() != r.pairs->size()) throw_argument(env, "hasPair and pairs differ in length");
    r.has_pair.assign(a.Data(), a.Data() + a.ElementLength());
  }
  r.truncation = read_truncation(env, arg(3), t.file_truncation());
  r.padding = read_padding(env, arg(4), t.file_padding());
  return r;
}

tok::FlatEncodings encode_all(const Tokenizer& t, const TextBatch& batch, const EncodeRequest& r, ThreadPool* pool) {
  auto views = batch.views();
  if (r.pairs && r.pairs->size() != views.size()) throw Error(ErrorKind::Argument, "pairs and texts differ in length");
  std::vector<std::string_view> seconds;
  if (r.pairs) seconds = r.pairs->views();
  tok::EncodeOptions options;
  options.add_special_tokens = r.add_special;
  options.truncation = r.truncation ? &*r.truncation : nullptr;
  return tok::encode_flat_batch(t, views, r.pairs ? &seconds : nullptr, r.pairs ? &r.has_pair : nullptr, options, r.padding, pool);
}

// All texts' ids back to back plus per-text counts (one allocation, for the ids-only batch).
struct IdBatch {
  std::vector<uint32_t> ids;
  std::vector<uint32_t> counts;
};

}  // namespace

void TokenizerWrap::Init(Napi::Env env, Napi::Object exports) {
  Napi::Function ctor = DefineClass(env, "Tokenizer",
                                    {
                                        StaticMethod<&TokenizerWrap::FromFile>("fromFile"),
                                        StaticMethod<&TokenizerWrap::FromString>("fromString"),
                                        InstanceMethod<&TokenizerWrap::Encode>("encode"),
                                        InstanceMethod<&TokenizerWrap::EncodeIds>("encodeIds"),
                                        InstanceMethod<&TokenizerWrap::EncodeBatch>("encodeBatch"),
                                        InstanceMethod<&TokenizerWrap::EncodeBatchSync>("encodeBatchSync"),
                                        InstanceMethod<&TokenizerWrap::EncodeIdsBatch>("encodeIdsBatchSync"),
                                        InstanceMethod<&TokenizerWrap::Decode>("decode"),
                                        InstanceMethod<&TokenizerWrap::DecodeBatch>("decodeBatch"),
                                        InstanceMethod<&TokenizerWrap::TokenToId>("tokenToId"),
                                        InstanceMethod<&TokenizerWrap::IdToToken>("idToToken"),
                                        InstanceMethod<&TokenizerWrap::GetVocabSize>("getVocabSize"),
                                        InstanceMethod<&TokenizerWrap::GetTruncation>("getTruncation"),
                                        InstanceMethod<&TokenizerWrap::GetPadding>("getPadding"),
                                        InstanceMethod<&TokenizerWrap::NumSpecialTokensToAdd>("numSpecialTokensToAdd"),
                                    });
  instance(env).tokenizer = Napi::Persistent(ctor);
  exports.Set("Tokenizer", ctor);
}

TokenizerWrap::TokenizerWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<TokenizerWrap>(info) {
  // Instances are made only by fromFile/fromString, which pass the tokenizer through an External.
  if (info.Length() != 1 || !info[0].IsExternal())
    throw make_error(info.Env(), ErrorKind::Argument, "use Tokenizer.fromFile(path) or Tokenizer.fromString(json)");
  tokenizer_ = *info[0].As<Napi::External<std::shared_ptr<const Tokenizer>>>().Data();
}

Napi::Object TokenizerWrap::Wrap(Napi::Env env, std::shared_ptr<const Tokenizer> tokenizer) {
  std::shared_ptr<const Tokenizer> holder = std::move(tokenizer);
  auto external = Napi::External<std::shared_ptr<const Tokenizer>>::New(env, &holder);
  return instance(env).tokenizer.New({external});
}

// fromFile(path): loads on the calling thread (a tokenizer.json takes milliseconds), like HF's binding.
Napi::Value TokenizerWrap::FromFile(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value { return Wrap(info.Env(), Tokenizer::from_file(read_string_arg(info, "path"))); });
}

// fromString(json[, source]): `source` names the text in error messages (default "tokenizer.json").
Napi::Value TokenizerWrap::FromString(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    std::string json = read_string_arg(info, "json");
    std::string source = "tokenizer.json";
    if (info.Length() > 1 && info[1].IsString()) source = info[1].As<Napi::String>().Utf8Value();
    return Wrap(info.Env(), Tokenizer::from_json(json, source));
  });
}

// encode(text, addSpecialTokens, pair?, truncation?, padding?) -> a flat batch of one encoding, with
// `overflowing`: a flat batch of its overflow windows. truncation / padding: undefined = the file's.
Napi::Value TokenizerWrap::Encode(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    std::string text = read_text(env, info[0], "text");
    std::optional<std::string> pair;
    if (info.Length() > 2 && !info[2].IsUndefined() && !info[2].IsNull()) pair = read_text(env, info[2], "pair");
    const bool add_special = read_add_special(info, 1);
    const auto truncation = read_truncation(env, info.Length() > 3 ? info[3] : env.Undefined(), tokenizer_->file_truncation());
    const auto padding = read_padding(env, info.Length() > 4 ? info[4] : env.Undefined(), tokenizer_->file_padding());
    tok::EncodeOptions options;
    options.add_special_tokens = add_special;
    options.truncation = truncation ? &*truncation : nullptr;
    const std::vector<std::string_view> first{text};
    const std::vector<std::string_view> second{pair ? std::string_view(*pair) : std::string_view()};
    const std::vector<uint8_t> has_pair{static_cast<uint8_t>(pair ? 1 : 0)};
    return batch_object(env, tok::encode_flat_batch(*tokenizer_, first, pair ? &second : nullptr, pair ? &has_pair : nullptr, options, padding, nullptr));
  });
}

// encodeIds(text, addSpecialTokens) -> Uint32Array (no tokens, no offsets: the fast path)
Napi::Value TokenizerWrap::EncodeIds(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    std::string text = read_text(env, info[0], "text");
    std::vector<uint32_t> ids;
    tokenizer_->encode_ids(text, read_add_special(info, 1), ids);
    return uint32_array(env, std::move(ids));
  });
}

// encodeBatch(texts, addSpecialTokens, pairs?, hasPair?, truncation?, padding?) -> Promise<flat batch>,
// tokenized in parallel on the native pool. pairs[i] is text i's second sequence where hasPair[i].
Napi::Value TokenizerWrap::EncodeBatch(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    auto batch = std::make_shared<TextBatch>(read_texts(env, info[0], "texts"));
    auto request = std::make_shared<EncodeRequest>(read_request(info, 1, *tokenizer_));
    auto tokenizer = tokenizer_;
    return run_async(env, [tokenizer, batch, request]() -> Completion {
      auto all = std::make_shared<tok::FlatEncodings>(encode_all(*tokenizer, *batch, *request, &ThreadPool::global()));
      return [all](Napi::Env env) -> Napi::Value { return batch_object(env, std::move(*all)); };
    });
  });
}

// encodeBatchSync(texts, addSpecialTokens, pairs?, hasPair?, truncation?, padding?) -> flat batch, on the
// calling thread only.
Napi::Value TokenizerWrap::EncodeBatchSync(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    TextBatch batch = read_texts(env, info[0], "texts");
    return batch_object(env, encode_all(*tokenizer_, batch, read_request(info, 1, *tokenizer_), nullptr));
  });
}

// encodeIdsBatchSync(texts, addSpecialTokens) -> { ids: Uint32Array, counts: Uint32Array }, calling thread.
Napi::Value TokenizerWrap::EncodeIdsBatch(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    TextBatch batch = read_texts(env, info[0], "texts");
    const bool add_special = read_add_special(info, 1);
    IdBatch out;
    out.ids.reserve(batch.bytes.size() / 4 + 16);
    out.counts.reserve(batch.size());
    for (std::string_view text : batch.views()) {
      const size_t before = out.ids.size();
      tokenizer_->encode_ids(text, add_special, out.ids);
      out.counts.push_back(static_cast<uint32_t>(out.ids.size() - before));
    }
    Napi::Object result = Napi::Object::New(env);
    result.Set("ids", uint32_array(env, std::move(out.ids)));
    result.Set("counts", uint32_array(env, std::move(out.counts)));
    return result;
  });
}

namespace {

std::vector<uint32_t> read_ids(Napi::Env env, const Napi::Value& v, const char* what) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array)
    throw_argument(env, std::string(what) + " must be a Uint32Array");
  Napi::Uint32Array a = v.As<Napi::Uint32Array>();
  return std::vector<uint32_t>(a.Data(), a.Data() + a.ElementLength());
}

bool read_skip_special(const Napi::CallbackInfo& info, size_t at) {
  return info.Length() > at && info[at].IsBoolean() ? info[at].As<Napi::Boolean>().Value() : true;
}

}  // namespace

// decode(ids: Uint32Array, skipSpecialTokens) -> string
Napi::Value TokenizerWrap::Decode(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    const std::vector<uint32_t> ids = read_ids(env, info[0], "ids");
    return Napi::String::New(env, tokenizer_->decode(ids, read_skip_special(info, 1)));
  });
}

// decodeBatch(ids: Uint32Array, counts: Uint32Array, skipSpecialTokens) -> Promise<string[]>, off the JS thread.
Napi::Value TokenizerWrap::DecodeBatch(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    auto ids = std::make_shared<std::vector<uint32_t>>(read_ids(env, info[0], "ids"));
    auto counts = std::make_shared<std::vector<uint32_t>>(read_ids(env, info[1], "counts"));
    uint64_t total = 0;
    for (uint32_t c : *counts) total += c;
    if (total != ids->size()) throw_argument(env, "counts must add up to the number of ids");
    const bool skip = read_skip_special(info, 2);
    auto tokenizer = tokenizer_;
    return run_async(env, [tokenizer, ids, counts, skip]() -> Completion {
      auto texts = std::make_shared<std::vector<std::string>>();
      size_t at = 0;
      for (uint32_t c : *counts) {
        std::vector<uint32_t> one(ids->begin() + static_cast<std::ptrdiff_t>(at), ids->begin() + static_cast<std::ptrdiff_t>(at + c));
        texts->push_back(tokenizer->decode(one, skip));
        at += c;
      }
      return [texts](Napi::Env env) -> Napi::Value {
        Napi::Array out = Napi::Array::New(env, texts->size());
        for (size_t i = 0; i < texts->size(); i++) out.Set(static_cast<uint32_t>(i), Napi::String::New(env, (*texts)[i]));
        return out;
      };
    });
  });
}

Napi::Value TokenizerWrap::TokenToId(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsString()) throw_argument(env, "token must be a string");
    auto id = tokenizer_->token_to_id(info[0].As<Napi::String>().Utf8Value());
    return id ? Napi::Number::New(env, *id) : env.Null();
  });
}

Napi::Value TokenizerWrap::IdToToken(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsNumber()) throw_argument(env, "id must be a non-negative integer");
    const double d = info[0].As<Napi::Number>().DoubleValue();
    if (!(d >= 0) || d != static_cast<double>(static_cast<uint64_t>(d)) || d > 4294967295.0) return env.Null();
    auto token = tokenizer_->id_to_token(static_cast<uint32_t>(d));
    return token ? Napi::String::New(env, *token) : env.Null();
  });
}

Napi::Value TokenizerWrap::GetVocabSize(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    bool with_added = true;
    if (info.Length() > 0 && info[0].IsBoolean()) with_added = info[0].As<Napi::Boolean>().Value();
    return Napi::Number::New(info.Env(), static_cast<double>(tokenizer_->vocab_size(with_added)));
  });
}

// getTruncation() -> the file's truncation as {maxLength, stride, strategy, direction}, or null.
Napi::Value TokenizerWrap::GetTruncation(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    const auto& t = tokenizer_->file_truncation();
    if (!t) return env.Null();
    Napi::Object o = Napi::Object::New(env);
    o.Set("maxLength", Napi::Number::New(env, static_cast<double>(t->max_length)));
    o.Set("stride", Napi::Number::New(env, static_cast<double>(t->stride)));
    const char* strategy = t->strategy == tok::Truncation::Strategy::LongestFirst ? "LongestFirst"
                           : t->strategy == tok::Truncation::Strategy::OnlyFirst  ? "OnlyFirst"
                                                                                  : "OnlySecond";
    o.Set("strategy", strategy);
    o.Set("direction", t->side == tok::Side::Right ? "Right" : "Left");
    return o;
  });
}

// getPadding() -> the file's padding as {strategy, length, padToMultipleOf, padId, padTypeId, padToken, direction}, or null.
Napi::Value TokenizerWrap::GetPadding(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    const auto& p = tokenizer_->file_padding();
    if (!p) return env.Null();
    Napi::Object o = Napi::Object::New(env);
    o.Set("strategy", p->strategy == tok::Padding::Strategy::Fixed ? "Fixed" : "BatchLongest");
    if (p->strategy == tok::Padding::Strategy::Fixed) o.Set("length", Napi::Number::New(env, static_cast<double>(p->length)));
    if (p->pad_to_multiple_of) o.Set("padToMultipleOf", Napi::Number::New(env, static_cast<double>(p->pad_to_multiple_of)));
    o.Set("padId", Napi::Number::New(env, p->pad_id));
    o.Set("padTypeId", Napi::Number::New(env, p->pad_type_id));
    o.Set("padToken", p->pad_token);
    o.Set("direction", p->side == tok::Side::Right ? "Right" : "Left");
    return o;
  });
}

Napi::Value TokenizerWrap::NumSpecialTokensToAdd(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    const bool pair = info.Length() > 0 && info[0].IsBoolean() && info[0].As<Napi::Boolean>().Value();
    return Napi::Number::New(info.Env(), static_cast<double>(tokenizer_->num_special_tokens_to_add(pair)));
  });
}

}  // namespace embedkit::binding
