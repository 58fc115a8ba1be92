#include "binding/static_model_wrap.h"

#include "binding/async.h"
#include "binding/buffers.h"
#include "binding/errors.h"
#include "binding/inputs.h"
#include "binding/instance.h"
#include "binding/static_texts.h"

namespace embedkit::binding {

using static_model::kNoLimit;
using static_model::StaticModel;

namespace {

static_model::LoadOptions read_load_options(const Napi::CallbackInfo& info) {
  static_model::LoadOptions options;
  if (info.Length() > 1 && info[1].IsObject()) {
    Napi::Value normalize = info[1].As<Napi::Object>().Get("normalize");
    if (normalize.IsBoolean()) options.normalize = normalize.As<Napi::Boolean>().Value();
  }
  return options;
}

std::string read_folder(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsString()) throw_argument(info.Env(), "the model folder must be a string");
  return info[0].As<Napi::String>().Utf8Value();
}

// undefined: the model's own default (config.json max_length, else 512); null: no limit.
size_t read_max_length(Napi::Env env, const Napi::Value& value, const StaticModel& model) {
  if (value.IsUndefined()) return model.default_max_length();
  return read_limit(env, value, kNoLimit, "maxLength");
}

Napi::Object embeddings_object(Napi::Env env, FloatArray&& data, size_t rows, size_t dim) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("rows", Napi::Number::New(env, static_cast<double>(rows)));
  result.Set("dim", Napi::Number::New(env, static_cast<double>(dim)));
  result.Set("data", float32_array(env, std::move(data)));
  return result;
}

Napi::Object sequence_object(Napi::Env env, static_model::SequenceOutput&& out, size_t dim) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("dim", Napi::Number::New(env, static_cast<double>(dim)));
  result.Set("counts", uint32_array(env, std::move(out.counts)));
  result.Set("data", float32_array(env, std::move(out.data)));
  return result;
}

}  // namespace

void StaticModelWrap::Init(Napi::Env env, Napi::Object exports) {
  Napi::Function ctor = DefineClass(env, "StaticModel",
                                    {
                                        StaticMethod<&StaticModelWrap::Load>("load"),
                                        StaticMethod<&StaticModelWrap::LoadSync>("loadSync"),
                                        InstanceMethod<&StaticModelWrap::Info>("info"),
                                        InstanceMethod<&StaticModelWrap::Encode>("encode"),
                                        InstanceMethod<&StaticModelWrap::EncodeSync>("encodeSync"),
                                        InstanceMethod<&StaticModelWrap::EncodeSequence>("encodeSequence"),
                                        InstanceMethod<&StaticModelWrap::EncodeSequenceSync>("encodeSequenceSync"),
                                        InstanceMethod<&StaticModelWrap::TokenIds>("tokenIds"),
                                    });
  instance(env).static_model = Napi::Persistent(ctor);
  exports.Set("StaticModel", ctor);
}

StaticModelWrap::StaticModelWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<StaticModelWrap>(info) {
  // Instances are made only by load/loadSync, which pass the model through an External.
  if (info.Length() != 1 || !info[0].IsExternal())
    throw make_error(info.Env(), ErrorKind::Argument, "use StaticModel.load(folder) to create a model");
  model_ = *info[0].As<Napi::External<std::shared_ptr<const StaticModel>>>().Data();
}

Napi::Object StaticModelWrap::Wrap(Napi::Env env, std::shared_ptr<const StaticModel> model) {
  std::shared_ptr<const StaticModel> holder = std::move(model);
  auto external = Napi::External<std::shared_ptr<const StaticModel>>::New(env, &holder);
  return instance(env).static_model.New({external});
}

Napi::Value StaticModelWrap::LoadSync(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    return Wrap(info.Env(), StaticModel::load(read_folder(info), read_load_options(info)));
  });
}

Napi::Value StaticModelWrap::Load(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    std::string folder = read_folder(info);
    auto options = read_load_options(info);
    return run_async(info.Env(), [folder, options]() -> Completion {
      auto model = StaticModel::load(folder, options);
      return [model](Napi::Env env) -> Napi::Value { return Wrap(env, model); };
    });
  });
}

Napi::Value StaticModelWrap::Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const StaticModel& m = *model_;
  Napi::Object out = Napi::Object::New(env);
  out.Set("dim", Napi::Number::New(env, static_cast<double>(m.dim())));
  out.Set("rows", Napi::Number::New(env, static_cast<double>(m.rows())));
  out.Set("normalize", Napi::Boolean::New(env, m.normalize()));
  out.Set("dtype", Napi::String::New(env, m.table().dtype_name()));
  out.Set("hasWeights", Napi::Boolean::New(env, m.table().has_weights()));
  out.Set("hasMapping", Napi::Boolean::New(env, m.table().has_mapping()));
  out.Set("defaultMaxLength", m.default_max_length() == kNoLimit ? env.Null()
                                                                   : Napi::Number::New(env, static_cast<double>(m.default_max_length())));
  out.Set("medianTokenLength", Napi::Number::New(env, static_cast<double>(m.median_token_length())));
  out.Set("vocabSize", Napi::Number::New(env, static_cast<double>(m.tokenizer().vocab_size(true))));
  out.Set("layout", Napi::String::New(env, m.files().layout));
  out.Set("folder", Napi::String::New(env, m.files().folder));
  out.Set("tokenizerPath", Napi::String::New(env, m.files().tokenizer));
  return out;
}

// encode(texts, maxLength|null) -> Promise<{ rows, dim, data }>
Napi::Value StaticModelWrap::Encode(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    size_t max_length = read_max_length(env, info[1], *model_);
    auto batch = std::make_shared<TextBatch>(read_texts_prefix(env, info[0], "texts", model_->char_limit(max_length)));
    auto model = model_;
    return run_async(env, [model, batch, max_length]() -> Completion {
      auto views = batch->views();
      auto data = std::make_shared<FloatArray>(views.size() * model->dim());
      model->encode(views.data(), views.size(), max_length, data->data(), &ThreadPool::global());
      size_t rows = views.size(), dim = model->dim();
      return [data, rows, dim](Napi::Env env) -> Napi::Value {
        return embeddings_object(env, std::move(*data), rows, dim);
      };
    });
  });
}

Napi::Value StaticModelWrap::EncodeSync(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    size_t max_length = read_max_length(env, info[1], *model_);
    TextBatch batch = read_texts_prefix(env, info[0], "texts", model_->char_limit(max_length));
    auto views = batch.views();
    FloatArray data(views.size() * model_->dim());
    // The *Sync form runs on the calling thread only, as promised by its name.
    model_->encode(views.data(), views.size(), max_length, data.data(), nullptr);
    return embeddings_object(env, std::move(data), views.size(), model_->dim());
  });
}

Napi::Value StaticModelWrap::EncodeSequence(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    size_t max_length = read_max_length(env, info[1], *model_);
    auto batch = std::make_shared<TextBatch>(read_texts_prefix(env, info[0], "texts", model_->char_limit(max_length)));
    auto model = model_;
    return run_async(env, [model, batch, max_length]() -> Completion {
      auto views = batch->views();
      auto out = std::make_shared<static_model::SequenceOutput>(
          model->encode_sequence(views.data(), views.size(), max_length, &ThreadPool::global()));
      size_t dim = model->dim();
      return [out, dim](Napi::Env env) -> Napi::Value { return sequence_object(env, std::move(*out), dim); };
    });
  });
}

Napi::Value StaticModelWrap::EncodeSequenceSync(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    size_t max_length = read_max_length(env, info[1], *model_);
    TextBatch batch = read_texts_prefix(env, info[0], "texts", model_->char_limit(max_length));
    auto views = batch.views();
    return sequence_object(env, model_->encode_sequence(views.data(), views.size(), max_length, nullptr), model_->dim());
  });
}

// tokenIds(text, maxLength|null) -> Uint32Array: the ids that make up the text's vector.
Napi::Value StaticModelWrap::TokenIds(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    std::string text = read_text(env, info[0], "text");
    size_t max_length = read_max_length(env, info[1], *model_);
    std::vector<uint32_t> ids;
    model_->token_ids(text, max_length, ids);
    return uint32_array(env, std::move(ids));
  });
}

}  // namespace embedkit::binding
