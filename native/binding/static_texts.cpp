#include "binding/static_texts.h"

#include <algorithm>
#include <string>

#include "binding/errors.h"

namespace embedkit::binding {

namespace {

// At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
size_t utf8_bound(size_t utf16_units) { return utf16_units > static_cast<size_t>(-1) / 3 ? static_cast<size_t>(-1) : utf16_units * 3; }

}  // namespace

TextBatch read_texts_prefix(Napi::Env env, const Napi::Value& value, const char* what, size_t max_code_points) {
  if (!value.IsArray()) return read_texts(env, value, what);  // its error names the type
  // Bytes that certainly hold max_code_points whole code points: napi writes only whole characters,
  // so a buffer of cap + 1 gets at least cap - 2 bytes, i.e. more than max_code_points code points.
  const size_t cap = max_code_points > (static_cast<size_t>(-1) - 8) / 4 ? static_cast<size_t>(-1) : 4 * max_code_points + 4;
  Napi::Array array = value.As<Napi::Array>();
  const uint32_t n = array.Length();
  TextBatch batch;
  batch.ends.reserve(n);
  batch.bytes.reserve(static_cast<size_t>(n) * 64);
  for (uint32_t i = 0; i < n; i++) {
    Napi::Value v = array.Get(i);
    if (!v.IsString()) {
      // Byte views (checked in full) and errors: the general reader, with its label.
      std::string label = std::string(what) + "[" + std::to_string(i) + "]";
      batch.bytes += read_text(env, v, label.c_str());
      batch.ends.push_back(batch.bytes.size());
      continue;
    }
    // Short strings (most): one call into a stack buffer, as read_texts does.
    char stack[512];
    size_t len = 0;
    if (napi_get_value_string_utf8(env, v, stack, sizeof(stack), &len) != napi_ok)
      throw_argument(env, std::string(what) + "[" + std::to_string(i) + "] could not be read as a string");
    if (len + 4 < sizeof(stack)) {
      batch.bytes.append(stack, len);
      batch.ends.push_back(batch.bytes.size());
      continue;
    }
    size_t units = 0;
    if (napi_get_value_string_utf16(env, v, nullptr, 0, &units) != napi_ok)
      throw_argument(env, std::string(what) + "[" + std::to_string(i) + "] could not be read as a string");
    const size_t room = std::min(utf8_bound(units), cap);
    const size_t at = batch.bytes.size();
    if (batch.bytes.capacity() < at + room + 1) {
      // Grow for the texts still to come at the mean size so far, so a batch of long texts is copied
      // about once rather than at every doubling.
      const size_t mean = (at + room) / (i + 1) + 1;
      const size_t ahead = std::min<size_t>(n - i, 1 << 20);
      batch.bytes.reserve(std::max(batch.bytes.capacity() * 2, at + room + 1 + mean * ahead + mean * ahead / 8));
    }
    batch.bytes.resize(at + room + 1);
    if (napi_get_value_string_utf8(env, v, &batch.bytes[at], room + 1, &len) != napi_ok)
      throw_argument(env, std::string(what) + "[" + std::to_string(i) + "] could not be read as a string");
    batch.bytes.resize(at + len);
    batch.ends.push_back(batch.bytes.size());
  }
  return batch;
}

}  // namespace embedkit::binding
