// The Promise form of every heavy call: `work` runs on the core's persistent thread pool (never on the
// JS thread), and the Completion it returns builds the JS result back on the JS thread.
// Inputs must be copied out of JS values before calling this; `work` must not touch napi.
#pragma once
#include <napi.h>

#include <functional>

namespace embedkit::binding {

using Completion = std::function<Napi::Value(Napi::Env)>;

Napi::Promise run_async(Napi::Env env, std::function<Completion()> work);

}  // namespace embedkit::binding
