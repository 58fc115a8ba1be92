// Process-wide runtime controls: the native thread pool's size and what the SIMD dispatcher chose.
#pragma once
#include <napi.h>

namespace embedkit::binding {

void InitRuntime(Napi::Env env, Napi::Object exports);

}  // namespace embedkit::binding
