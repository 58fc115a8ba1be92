#include "binding/inputs.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "binding/errors.h"
#include "text/utf8.h"

namespace embedkit::binding {

std::vector<std::string_view> TextBatch::views() const {
  std::vector<std::string_view> out;
  out.reserve(ends.size());
  size_t start = 0;
  for (size_t end : ends) {
    out.emplace_back(bytes.data() + start, end - start);
    start = end;
  }
  return out;
}

namespace {

const char* type_name(const Napi::Value& v) {
  switch (v.Type()) {
    case napi_undefined: return "undefined";
    case napi_null: return "null";
    case napi_boolean: return "a boolean";
    case napi_number: return "a number";
    case napi_string: return "a string";
    case napi_symbol: return "a symbol";
    case napi_object: return v.IsArray() ? "an array" : "an object";
    case napi_function: return "a function";
    case napi_bigint: return "a bigint";
    default: return "an unsupported value";
  }
}

// Names an input in error messages: "what" or "what[index]". Built only when an error is thrown, so a
// batch of short texts pays nothing for it.
struct Label {
  const char* what;
  int64_t index;  // -1: not an element of a batch
  std::string str() const { return index < 0 ? std::string(what) : std::string(what) + "[" + std::to_string(index) + "]"; }
};

// At most this much is reserved beyond what the texts read so far need.
constexpr size_t kGrowAheadMax = size_t(64) << 20;

// At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
size_t utf8_bound(size_t utf16_units) { return utf16_units > SIZE_MAX / 3 ? SIZE_MAX : utf16_units * 3; }

// Appends the UTF-8 of the JS string `v` to `out`, cut as `how` says; `count`: the size of the batch that
// `v` is item label.index of (for how.grow_ahead).
void append_string(Napi::Env env, const Napi::Value& v, std::string& out, const Label& label, const TextReadOptions& how,
                   size_t count) {
  // One call for short strings (most); a second only when the first buffer was too small.
  char stack[512];
  size_t len = 0;
  if (napi_get_value_string_utf8(env, v, stack, sizeof(stack), &len) != napi_ok)
    throw_argument(env, label.str() + " could not be read as a string");
  // The call stops at a character boundary, so a result within 3 bytes of the end may be cut short.
  if (len + 4 < sizeof(stack)) {
    out.append(stack, len);
    return;
  }
  // Room for the bytes wanted: all of them, measured; or, under a cap, a bound from the UTF-16 length
  // (known without a pass over the string), so a long text is not measured and converted in full when
  // only its first few KB are used.
  size_t room = 0;
  if (how.max_bytes == SIZE_MAX) {
    if (napi_get_value_string_utf8(env, v, nullptr, 0, &room) != napi_ok)
      throw_argument(env, label.str() + " could not be read as a string");
  } else {
    size_t units = 0;
    if (napi_get_value_string_utf16(env, v, nullptr, 0, &units) != napi_ok)
      throw_argument(env, label.str() + " could not be read as a string");
    room = std::min(utf8_bound(units), how.max_bytes);
  }
  const size_t at = out.size();
  if (how.grow_ahead && label.index >= 0 && out.capacity() < at + room + 1) {
    const size_t done = static_cast<size_t>(label.index) + 1;  // texts in `out` once this one is
    const size_t mean = (at + room) / done + 1;
    const size_t ahead = std::min<size_t>(count - label.index, 1 << 20);
    // The guess is capped: one long text early in a batch (maxLength: null) would otherwise ask for its
    // size times the texts still to come (a 40 MB text before 999 short ones: 45 GB, refused).
    const size_t guess = std::min<size_t>(mean * ahead + mean * ahead / 8, kGrowAheadMax);
    out.reserve(std::max(out.capacity() * 2, at + room + 1 + guess));
  }
  out.resize(at + room + 1);
  if (napi_get_value_string_utf8(env, v, &out[at], room + 1, &len) != napi_ok)
    throw_argument(env, label.str() + " could not be read as a string");
  out.resize(at + len);
}

// Appends the UTF-8 of a JS string (see append_string) or byte view to `out`.
void append_text(Napi::Env env, const Napi::Value& v, std::string& out, const Label& label, const TextReadOptions& how = {},
                 size_t count = 0) {
  if (v.IsString()) {
    append_string(env, v, out, label, how, count);
    return;
  }
  if (v.IsTypedArray() || v.IsDataView() || v.IsBuffer()) {
    const uint8_t* data = nullptr;
    size_t length = 0;
    if (v.IsTypedArray()) {
      Napi::TypedArray t = v.As<Napi::TypedArray>();
      data = static_cast<const uint8_t*>(t.ArrayBuffer().Data()) + t.ByteOffset();
      length = t.ByteLength();
    } else {
      Napi::DataView d = v.As<Napi::DataView>();
      data = static_cast<const uint8_t*>(d.ArrayBuffer().Data()) + d.ByteOffset();
      length = d.ByteLength();
    }
    std::string_view bytes(reinterpret_cast<const char*>(data), length);
    size_t bad = text::find_invalid_utf8(bytes);
    if (bad != std::string_view::npos)
      throw_argument(env, label.str() + " is not valid UTF-8 (ill-formed sequence at byte " + std::to_string(bad) + ")");
    out.append(bytes);
    return;
  }
  throw_argument(env, label.str() + " is " + type_name(v) + ", expected a string or a UTF-8 Buffer");
}

}  // namespace

TextBatch read_texts(Napi::Env env, const Napi::Value& value, const char* what, const TextReadOptions& how) {
  if (!value.IsArray()) throw_argument(env, std::string(what) + " must be an array of strings, got " + type_name(value));
  Napi::Array array = value.As<Napi::Array>();
  const uint32_t n = array.Length();
  TextBatch batch;
  batch.ends.reserve(n);
  batch.bytes.reserve(static_cast<size_t>(n) * 64);
  for (uint32_t i = 0; i < n; i++) {
    append_text(env, array.Get(i), batch.bytes, Label{what, static_cast<int64_t>(i)}, how, n);
    batch.ends.push_back(batch.bytes.size());
  }
  return batch;
}

std::string read_text(Napi::Env env, const Napi::Value& value, const char* what) {
  std::string out;
  append_text(env, value, out, Label{what, -1});
  return out;
}

size_t read_limit(Napi::Env env, const Napi::Value& value, size_t fallback, const char* what) {
  if (value.IsUndefined() || value.IsNull()) return fallback;
  if (!value.IsNumber()) throw_argument(env, std::string(what) + " must be a non-negative integer or null");
  double d = value.As<Napi::Number>().DoubleValue();
  if (!(d >= 0) || std::floor(d) != d) throw_argument(env, std::string(what) + " must be a non-negative integer or null");
  if (d >= 9007199254740992.0) return fallback;
  return static_cast<size_t>(d);
}

}  // namespace embedkit::binding
