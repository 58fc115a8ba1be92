// Per-environment state (the addon is context-aware: each worker thread gets its own constructors).
#pragma once
#include <napi.h>

#include <memory>
#include <mutex>

namespace embedkit::binding {

// Whether the environment still exists. Pool threads check it (under the mutex) before they touch the
// environment's thread-safe functions, which Node frees when a worker thread is terminated.
struct EnvLifetime {
  std::mutex mutex;
  bool alive = true;
};

struct InstanceData {
  std::shared_ptr<EnvLifetime> lifetime = std::make_shared<EnvLifetime>();
  Napi::FunctionReference static_model;
  Napi::FunctionReference tokenizer;
  Napi::FunctionReference word_vectors;
  Napi::FunctionReference text_model;
};

InstanceData& instance(Napi::Env env);

}  // namespace embedkit::binding
