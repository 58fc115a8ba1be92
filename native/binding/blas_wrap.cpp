#include "binding/blas_wrap.h"

#include "binding/errors.h"
#include "blas/backend.h"

namespace embedkit::binding {

namespace {

Napi::Value info_value(Napi::Env env, const blas::Backend& b) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("backend", Napi::String::New(env, b.name));
  o.Set("library", b.library.empty() ? env.Null() : Napi::Value(Napi::String::New(env, b.library)));
  o.Set("detail", Napi::String::New(env, b.detail));
  o.Set("threads", Napi::Number::New(env, b.get_threads ? b.get_threads() : 1));
  // What runs each kind of scan: under auto, one query goes to the fused builtin kernel.
  o.Set("auto", Napi::Boolean::New(env, b.auto_chosen));
  o.Set("singleQuery", Napi::String::New(env, blas::scans_builtin(b, 1) ? "builtin" : b.name));
  o.Set("batch", Napi::String::New(env, b.name));
  return o;
}

std::string read_name(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsString()) throw_argument(info.Env(), "the BLAS backend name must be a string");
  return info[0].As<Napi::String>().Utf8Value();
}

// info() -> { backend, library, detail, threads, auto, singleQuery, batch }
Napi::Value Info(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value { return info_value(info.Env(), *blas::current()); });
}

// use(name) -> info of the backend now in use
Napi::Value Use(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value { return info_value(info.Env(), *blas::use(read_name(info))); });
}

// probe(name) -> info | null, without switching
Napi::Value Probe(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    auto b = blas::probe(read_name(info));
    return b ? info_value(info.Env(), *b) : info.Env().Null();
  });
}

Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    if (info.Length() < 1 || !info[0].IsNumber()) throw_argument(info.Env(), "threads must be a positive integer");
    const double n = info[0].As<Napi::Number>().DoubleValue();
    if (!(n >= 1 && n <= 1024) || static_cast<double>(static_cast<int>(n)) != n)
      throw_argument(info.Env(), "threads must be an integer from 1 to 1024");
    blas::set_threads(static_cast<int>(n));
    return info.Env().Undefined();
  });
}

Napi::Value Names(const Napi::CallbackInfo& info) {
  const auto& names = blas::backend_names();
  Napi::Array out = Napi::Array::New(info.Env(), names.size());
  for (uint32_t i = 0; i < names.size(); i++) out.Set(i, Napi::String::New(info.Env(), names[i]));
  return out;
}

}  // namespace

void InitBlas(Napi::Env env, Napi::Object exports) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("info", Napi::Function::New<Info>(env, "info"));
  o.Set("use", Napi::Function::New<Use>(env, "use"));
  o.Set("probe", Napi::Function::New<Probe>(env, "probe"));
  o.Set("setThreads", Napi::Function::New<SetThreads>(env, "setThreads"));
  o.Set("names", Napi::Function::New<Names>(env, "names"));
  exports.Set("blas", o);
}

}  // namespace embedkit::binding
