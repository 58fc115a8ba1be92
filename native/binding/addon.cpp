// Module entry point: registers each exported class. Context-aware: every environment (main thread or
// worker_threads) gets its own InstanceData; the native thread pool is shared by all of them.
#include <napi.h>

#if !defined(_WIN32)
#include <dlfcn.h>
#endif

#include "binding/instance.h"
#include "binding/runtime_wrap.h"
#include "binding/static_model_wrap.h"
#include "binding/text_model_wrap.h"
#include "binding/tokenizer_wrap.h"
#include "binding/word_vectors_wrap.h"

namespace embedkit::binding {

InstanceData& instance(Napi::Env env) { return *env.GetInstanceData<InstanceData>(); }

}  // namespace embedkit::binding

// Node unloads an addon when the last environment that loaded it (say, a worker thread) goes away, but
// the native thread pool lives for the whole process and runs code from this library. Pin it.
static void pin_library() {
#if !defined(_WIN32)
  static bool pinned = false;
  if (pinned) return;
  Dl_info info;
  if (dladdr(reinterpret_cast<void*>(&pin_library), &info) && info.dli_fname) {
    pinned = dlopen(info.dli_fname, RTLD_NOW | RTLD_NODELETE) != nullptr;
  }
#endif
}

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  using namespace embedkit::binding;
  pin_library();
  auto* data = new InstanceData();
  env.SetInstanceData<InstanceData>(data);
  // Cleanup hooks run before Node closes the handles of thread-safe functions, so after this no pool
  // thread will touch them.
  env.AddCleanupHook([lifetime = data->lifetime] {
    std::lock_guard<std::mutex> lock(lifetime->mutex);
    lifetime->alive = false;
  });
  InitRuntime(env, exports);
  StaticModelWrap::Init(env, exports);
  TextModelWrap::Init(env, exports);
  TokenizerWrap::Init(env, exports);
  WordVectorsWrap::Init(env, exports);
  return exports;
}

NODE_API_MODULE(embedkit, Init)
