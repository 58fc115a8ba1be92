// Module entry point: registers each exported class. Context-aware: every environment (main thread or
// worker_threads) gets its own InstanceData; the native thread pool is shared by all of them.
#include <napi.h>

#include "binding/instance.h"
#include "binding/runtime_wrap.h"
#include "binding/static_model_wrap.h"
// [tokenizer] include "binding/tokenizer_wrap.h" here

namespace embedkit::binding {

InstanceData& instance(Napi::Env env) { return *env.GetInstanceData<InstanceData>(); }

}  // namespace embedkit::binding

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  using namespace embedkit::binding;
  env.SetInstanceData<InstanceData>(new InstanceData());
  InitRuntime(env, exports);
  StaticModelWrap::Init(env, exports);
  // [tokenizer] call TokenizerWrap::Init(env, exports) here
  return exports;
}

NODE_API_MODULE(embedkit, Init)
