#include "binding/tokenizer_options.h"

#include <cmath>

#include "binding/errors.h"

namespace embedkit::binding {

namespace {

size_t get_count(Napi::Env env, const Napi::Object& o, const char* key, const char* what, size_t fallback) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return fallback;
  const double d = v.IsNumber() ? v.As<Napi::Number>().DoubleValue() : -1;
  if (!(d >= 0) || std::floor(d) != d || d > 4294967295.0)
    throw_argument(env, std::string(what) + "." + key + " must be an integer from 0 to 2^32-1");
  return static_cast<size_t>(d);
}

std::string get_string(Napi::Env env, const Napi::Object& o, const char* key, const char* what, const std::string& fallback) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return fallback;
  if (!v.IsString()) throw_argument(env, std::string(what) + "." + key + " must be a string");
  return v.As<Napi::String>().Utf8Value();
}

tok::Side get_side(Napi::Env env, const Napi::Object& o, const char* what) {
  const std::string s = get_string(env, o, "direction", what, "Right");
  if (s == "Right") return tok::Side::Right;
  if (s == "Left") return tok::Side::Left;
  throw_argument(env, std::string(what) + ".direction must be \"Right\" or \"Left\"");
}

}  // namespace

std::optional<tok::Truncation> read_truncation(Napi::Env env, const Napi::Value& value, const std::optional<tok::Truncation>& file) {
  if (value.IsUndefined()) return file;
  if (value.IsNull()) return std::nullopt;
  if (!value.IsObject()) throw_argument(env, "truncation must be an object or null");
  const Napi::Object o = value.As<Napi::Object>();
  tok::Truncation t;
  t.max_length = get_count(env, o, "maxLength", "truncation", t.max_length);
  t.stride = get_count(env, o, "stride", "truncation", 0);
  const std::string s = get_string(env, o, "strategy", "truncation", "LongestFirst");
  if (s == "LongestFirst") t.strategy = tok::Truncation::Strategy::LongestFirst;
  else if (s == "OnlyFirst") t.strategy = tok::Truncation::Strategy::OnlyFirst;
  else if (s == "OnlySecond") t.strategy = tok::Truncation::Strategy::OnlySecond;
  else throw_argument(env, "truncation.strategy must be \"LongestFirst\", \"OnlyFirst\" or \"OnlySecond\"");
  t.side = get_side(env, o, "truncation");
  return t;
}

std::optional<tok::Padding> read_padding(Napi::Env env, const Napi::Value& value, const std::optional<tok::Padding>& file) {
  if (value.IsUndefined()) return file;
  if (value.IsNull()) return std::nullopt;
  if (!value.IsObject()) throw_argument(env, "padding must be an object or null");
  const Napi::Object o = value.As<Napi::Object>();
  tok::Padding p;
  const std::string s = get_string(env, o, "strategy", "padding", "BatchLongest");
  if (s == "BatchLongest") p.strategy = tok::Padding::Strategy::BatchLongest;
  else if (s == "Fixed") p.strategy = tok::Padding::Strategy::Fixed;
  else throw_argument(env, "padding.strategy must be \"BatchLongest\" or \"Fixed\"");
  p.length = get_count(env, o, "length", "padding", 0);
  p.pad_to_multiple_of = get_count(env, o, "padToMultipleOf", "padding", 0);
  p.pad_id = static_cast<uint32_t>(get_count(env, o, "padId", "padding", 0));
  p.pad_type_id = static_cast<uint32_t>(get_count(env, o, "padTypeId", "padding", 0));
  p.pad_token = get_string(env, o, "padToken", "padding", "[PAD]");
  p.side = get_side(env, o, "padding");
  return p;
}

}  // namespace embedkit::binding
