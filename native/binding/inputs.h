// Copies JS inputs into native memory so heavy work can run off the JS thread: arrays of strings, or of
// UTF-8 Buffers / typed arrays (their byteOffset and byteLength honoured, their bytes checked).
#pragma once
#include <napi.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace embedkit::binding {

// Texts stored back to back in one buffer: no allocation per text.
struct TextBatch {
  std::string bytes;
  std::vector<size_t> ends;  // ends[i] = end offset of text i in `bytes`
  size_t size() const noexcept { return ends.size(); }
  std::vector<std::string_view> views() const;
};

// `value` must be an array whose items are strings or byte views; `what` names it in errors.
TextBatch read_texts(Napi::Env env, const Napi::Value& value, const char* what);
// One string or byte view.
std::string read_text(Napi::Env env, const Napi::Value& value, const char* what);
// A non-negative integer, or null/undefined for `fallback`.
size_t read_limit(Napi::Env env, const Napi::Value& value, size_t fallback, const char* what);

}  // namespace embedkit::binding
