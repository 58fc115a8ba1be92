#include "binding/static_texts.h"

#include <cstdint>

namespace embedkit::binding {

TextBatch read_texts_prefix(Napi::Env env, const Napi::Value& value, const char* what, size_t max_code_points) {
  // Bytes that certainly hold max_code_points whole code points (at most 4 bytes each): napi writes only
  // whole characters, so a cut keeps at least cap - 3 bytes, more than 4 x max_code_points.
  const size_t cap = max_code_points > (SIZE_MAX - 8) / 4 ? SIZE_MAX : 4 * max_code_points + 4;
  // Grown ahead, as this reader always was (a batch of long emails is copied about once); read_texts'
  // other callers keep std::string's doubling.
  return read_texts(env, value, what, TextReadOptions{cap, true});
}

}  // namespace embedkit::binding
