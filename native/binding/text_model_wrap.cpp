#include "binding/text_model_wrap.h"

#include "binding/async.h"
#include "binding/buffers.h"
#include "binding/errors.h"
#include "binding/inputs.h"
#include "binding/instance.h"
#include "threads/thread_pool.h"

namespace embedkit::binding {

using onnx::TextModel;

namespace {

std::string get_string(const Napi::Object& o, const char* key, const std::string& fallback) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return fallback;
  if (!v.IsString()) throw_argument(o.Env(), std::string(key) + " must be a string");
  return v.As<Napi::String>().Utf8Value();
}

size_t get_count(const Napi::Object& o, const char* key, size_t fallback) {
  return read_limit(o.Env(), o.Get(key), fallback, key);
}

std::vector<std::string> get_strings(const Napi::Object& o, const char* key, std::vector<std::string> fallback) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return fallback;
  if (!v.IsArray()) throw_argument(o.Env(), std::string(key) + " must be an array of strings");
  Napi::Array a = v.As<Napi::Array>();
  std::vector<std::string> out;
  for (uint32_t i = 0; i < a.Length(); i++) {
    Napi::Value item = a.Get(i);
    if (!item.IsString()) throw_argument(o.Env(), std::string(key) + " must be an array of strings");
    out.push_back(item.As<Napi::String>().Utf8Value());
  }
  return out;
}

// The options object lib/ builds (already validated there; checked again for types only).
onnx::TextModelOptions read_options(Napi::Env env, const Napi::Value& value) {
  onnx::TextModelOptions o;
  if (!value.IsObject()) throw_argument(env, "options must be an object");
  Napi::Object obj = value.As<Napi::Object>();
  o.task = get_string(obj, "task", "embed") == "rerank" ? onnx::Task::Rerank : onnx::Task::Embed;
  o.name = get_string(obj, "name", "");
  o.onnx_file = get_string(obj, "onnxFile", o.onnx_file);
  o.pooling = onnx::parse_pooling(get_string(obj, "pooling", "cls"));
  Napi::Value normalize = obj.Get("normalize");
  if (normalize.IsBoolean()) o.normalize = normalize.As<Napi::Boolean>().Value();
  o.max_length = get_count(obj, "maxLength", 0);
  o.output = get_string(obj, "output", "");
  o.session.intra_op_threads = static_cast<int>(get_count(obj, "threads", 0));
  o.session.inter_op_threads = static_cast<int>(get_count(obj, "interOpThreads", 0));
  o.session.graph_optimization = get_string(obj, "graphOptimizationLevel", "all");
  Napi::Value arena = obj.Get("cpuMemArena");
  if (arena.IsBoolean()) o.session.cpu_mem_arena = arena.As<Napi::Boolean>().Value();
  o.session.execution_providers = get_strings(obj, "executionProviders", {"cpu"});
  o.session.cuda_device_id = static_cast<int>(get_count(obj, "deviceId", 0));
  o.runtime_dirs = get_strings(obj, "runtimeDirs", {});
  return o;
}

Napi::Array string_array(Napi::Env env, const std::vector<std::string>& items) {
  Napi::Array a = Napi::Array::New(env, items.size());
  for (size_t i = 0; i < items.size(); i++) a.Set(static_cast<uint32_t>(i), Napi::String::New(env, items[i]));
  return a;
}

}  // namespace

void TextModelWrap::Init(Napi::Env env, Napi::Object exports) {
  Napi::Function ctor = DefineClass(env, "TextModel",
                                    {
                                        StaticMethod<&TextModelWrap::Load>("load"),
                                        InstanceMethod<&TextModelWrap::Info>("info"),
                                        InstanceMethod<&TextModelWrap::Embed>("embed"),
                                        InstanceMethod<&TextModelWrap::Rerank>("rerank"),
                                    });
  instance(env).text_model = Napi::Persistent(ctor);
  exports.Set("TextModel", ctor);
}

TextModelWrap::TextModelWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<TextModelWrap>(info) {
  if (info.Length() != 1 || !info[0].IsExternal())
    throw make_error(info.Env(), ErrorKind::Argument, "use TextModel.load(folder, options) to create a model");
  model_ = *info[0].As<Napi::External<std::shared_ptr<const TextModel>>>().Data();
}

Napi::Object TextModelWrap::Wrap(Napi::Env env, std::shared_ptr<const TextModel> model) {
  std::shared_ptr<const TextModel> holder = std::move(model);
  auto external = Napi::External<std::shared_ptr<const TextModel>>::New(env, &holder);
  return instance(env).text_model.New({external});
}

// load(folder, options) -> Promise<TextModel>; the session is created on the native pool.
Napi::Value TextModelWrap::Load(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    if (info.Length() < 1 || !info[0].IsString()) throw_argument(info.Env(), "the model folder must be a string");
    std::string folder = info[0].As<Napi::String>().Utf8Value();
    onnx::TextModelOptions options = read_options(info.Env(), info.Length() > 1 ? info[1] : info.Env().Undefined());
    return run_async(info.Env(), [folder, options]() -> Completion {
      auto model = TextModel::load(folder, options);
      return [model](Napi::Env env) -> Napi::Value { return Wrap(env, model); };
    });
  });
}

Napi::Value TextModelWrap::Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const TextModel& m = *model_;
  Napi::Object out = Napi::Object::New(env);
  out.Set("task", Napi::String::New(env, m.options().task == onnx::Task::Rerank ? "rerank" : "embed"));
  out.Set("dim", Napi::Number::New(env, static_cast<double>(m.dim())));
  out.Set("maxLength", Napi::Number::New(env, static_cast<double>(m.max_length())));
  out.Set("pooling", Napi::String::New(env, m.output_is_pooled() ? "none" : onnx::pooling_name(m.options().pooling)));
  out.Set("normalize", Napi::Boolean::New(env, m.options().normalize));
  out.Set("output", Napi::String::New(env, m.output_name()));
  out.Set("onnxPath", Napi::String::New(env, m.onnx_path()));
  out.Set("folder", Napi::String::New(env, m.folder()));
  out.Set("padId", Napi::Number::New(env, static_cast<double>(m.pad_id())));
  std::vector<std::string> inputs;
  for (const auto& t : m.session().inputs()) inputs.push_back(t.name);
  out.Set("inputs", string_array(env, inputs));
  out.Set("executionProviders", string_array(env, m.session().providers()));
  out.Set("providerFallbacks", string_array(env, m.session().fallbacks()));
  out.Set("runtimePath", Napi::String::New(env, m.session().runtime_path()));
  out.Set("runtimeVersion", Napi::String::New(env, m.session().runtime_version()));
  return out;
}

// embed(texts, batchSize, maxBatchTokens) -> Promise<{ rows, dim, data }>
Napi::Value TextModelWrap::Embed(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    auto batch = std::make_shared<TextBatch>(read_texts(env, info[0], "texts"));
    size_t batch_size = read_limit(env, info[1], 256, "batchSize");
    size_t max_tokens = read_limit(env, info[2], 0, "maxBatchTokens");
    auto model = model_;
    return run_async(env, [model, batch, batch_size, max_tokens]() -> Completion {
      auto views = batch->views();
      auto data = std::make_shared<FloatArray>(views.size() * model->dim());
      model->embed(views.data(), views.size(), batch_size, max_tokens, data->data(), &ThreadPool::global());
      size_t rows = views.size(), dim = model->dim();
      return [data, rows, dim](Napi::Env env) -> Napi::Value {
        Napi::Object result = Napi::Object::New(env);
        result.Set("rows", Napi::Number::New(env, static_cast<double>(rows)));
        result.Set("dim", Napi::Number::New(env, static_cast<double>(dim)));
        result.Set("data", float32_array(env, std::move(*data)));
        return result;
      };
    });
  });
}

// rerank(query, docs, batchSize, maxBatchTokens, sigmoid) -> Promise<Float32Array>
Napi::Value TextModelWrap::Rerank(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    auto query = std::make_shared<std::string>(read_text(env, info[0], "query"));
    auto docs = std::make_shared<TextBatch>(read_texts(env, info[1], "documents"));
    size_t batch_size = read_limit(env, info[2], 64, "batchSize");
    size_t max_tokens = read_limit(env, info[3], 0, "maxBatchTokens");
    bool sigmoid = info[4].IsBoolean() && info[4].As<Napi::Boolean>().Value();
    auto model = model_;
    return run_async(env, [model, query, docs, batch_size, max_tokens, sigmoid]() -> Completion {
      auto views = docs->views();
      auto scores = std::make_shared<FloatArray>(views.size());
      model->rerank(*query, views.data(), views.size(), batch_size, max_tokens, sigmoid, scores->data(), &ThreadPool::global());
      return [scores](Napi::Env env) -> Napi::Value { return float32_array(env, std::move(*scores)); };
    });
  });
}

}  // namespace embedkit::binding
