// Per-environment state (the addon is context-aware: each worker thread gets its own constructors).
#pragma once
#include <napi.h>

namespace embedkit::binding {

struct InstanceData {
  Napi::FunctionReference static_model;
  Napi::FunctionReference tokenizer;
};

InstanceData& instance(Napi::Env env);

}  // namespace embedkit::binding
