// Reads the texts of a StaticModel encode call: like read_texts, but a JS string is read only as far
// as model2vec's character cut can reach (max_code_points code points need at most 4 bytes each), so a
// long email is not measured and converted to UTF-8 in full when only its first few KB are used.
#pragma once
#include <napi.h>

#include "binding/inputs.h"

namespace embedkit::binding {

// Every text keeps at least its first `max_code_points` code points (all of it when shorter).
TextBatch read_texts_prefix(Napi::Env env, const Napi::Value& value, const char* what, size_t max_code_points);

}  // namespace embedkit::binding
