// `blas` object: which BLAS backend runs similarity queries (core: native/core/blas/backend.h).
#pragma once
#include <napi.h>

namespace embedkit::binding {

void InitBlas(Napi::Env env, Napi::Object exports);

}  // namespace embedkit::binding
