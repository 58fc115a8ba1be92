// Hands native results to JS without copying: the ArrayBuffer points at native memory and frees it in
// its finalizer. Where the runtime refuses external buffers (Electron's memory cage), copy once and
// remember that for the rest of the process.
#pragma once
#include <napi.h>

#include <cstdint>
#include <vector>

#include "common/float_array.h"

namespace embedkit::binding {

Napi::ArrayBuffer take_floats(Napi::Env env, std::vector<float>&& data);
Napi::ArrayBuffer take_u32(Napi::Env env, std::vector<uint32_t>&& data);

// Float32Array over all of `data` (no copy where allowed).
Napi::Float32Array float32_array(Napi::Env env, std::vector<float>&& data);
Napi::Float32Array float32_array(Napi::Env env, FloatArray&& data);
Napi::Uint32Array uint32_array(Napi::Env env, std::vector<uint32_t>&& data);

// Whether the last hand-off had to copy (for tests and diagnostics).
bool external_buffers_refused() noexcept;

}  // namespace embedkit::binding
