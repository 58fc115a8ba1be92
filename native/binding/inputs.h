// Copies JS inputs into native memory so heavy work can run off the JS thread: arrays of strings, or of
// UTF-8 Buffers / typed arrays (their byteOffset and byteLength honoured, their bytes checked).
#pragma once
#include <napi.h>

#include <cstddef>
#include <cstdint>
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

// How read_texts reads the JS strings of a batch (byte views are always taken whole, and checked).
struct TextReadOptions {
  // A string whose UTF-8 is longer may be cut at a character boundary, keeping at least max_bytes - 3 of
  // its bytes (strings under about 500 bytes are always read whole). SIZE_MAX: every string whole.
  size_t max_bytes = SIZE_MAX;
  // When a long string does not fit, grow the batch's bytes for the texts still to come at the mean size
  // so far, so that a batch of long texts is copied about once rather than at every doubling.
  bool grow_ahead = false;
};

// `value` must be an array whose items are strings or byte views; `what` names it in errors.
TextBatch read_texts(Napi::Env env, const Napi::Value& value, const char* what, const TextReadOptions& how = {});
// One string or byte view.
std::string read_text(Napi::Env env, const Napi::Value& value, const char* what);
// A non-negative integer, or null/undefined for `fallback`.
size_t read_limit(Napi::Env env, const Napi::Value& value, size_t fallback, const char* what);

}  // namespace embedkit::binding
