#include "binding/runtime_wrap.h"

#include "binding/buffers.h"
#include "binding/errors.h"
#include "kernels/pooling.h"
#include "threads/thread_pool.h"

namespace embedkit::binding {

namespace {

Napi::Value GetThreads(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(ThreadPool::global().size()));
}

Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    if (info.Length() < 1 || !info[0].IsNumber()) throw_argument(info.Env(), "threads must be a positive integer");
    double n = info[0].As<Napi::Number>().DoubleValue();
    if (!(n >= 1 && n <= 1024) || static_cast<double>(static_cast<size_t>(n)) != n)
      throw_argument(info.Env(), "threads must be an integer from 1 to 1024");
    ThreadPool::global().resize(static_cast<size_t>(n));
    return info.Env().Undefined();
  });
}

Napi::Value SimdLevel(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), kernels::simd_level());
}

Napi::Value ExternalBuffersRefused(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), external_buffers_refused());
}

}  // namespace

void InitRuntime(Napi::Env env, Napi::Object exports) {
  exports.Set("getThreads", Napi::Function::New<GetThreads>(env, "getThreads"));
  exports.Set("setThreads", Napi::Function::New<SetThreads>(env, "setThreads"));
  exports.Set("simdLevel", Napi::Function::New<SimdLevel>(env, "simdLevel"));
  exports.Set("externalBuffersRefused", Napi::Function::New<ExternalBuffersRefused>(env, "externalBuffersRefused"));
}

}  // namespace embedkit::binding
