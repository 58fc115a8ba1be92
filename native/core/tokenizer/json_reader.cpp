#include "tokenizer/json_reader.h"

#include "common/error.h"

namespace embedkit::tok {

namespace {
const char* article_type(json::Type t) {
  switch (t) {
    case json::Type::Null: return "null";
    case json::Type::Bool: return "a boolean";
    case json::Type::Number: return "a number";
    case json::Type::String: return "a string";
    case json::Type::Array: return "an array";
    case json::Type::Object: return "an object";
  }
  return "a value";
}
}  // namespace

void JsonReader::fail(const json::Value& at, const std::string& path, const std::string& what) const {
  throw Error(ErrorKind::Format, source_ + ": " + what + " at " + (path.empty() ? "the top level" : path) + " (" +
                                     json::describe_position(text_, at.offset()) + ")");
}

void JsonReader::unsupported(const std::string& kind, const std::string& type, const std::string& path) const {
  throw Error(ErrorKind::Unsupported, source_ + ": unsupported " + kind + " type '" + type + "' at " + path);
}

void JsonReader::expect(const json::Value& v, json::Type type, const std::string& path) const {
  if (v.type() != type)
    fail(v, path, std::string("expected ") + article_type(type) + ", found " + article_type(v.type()));
}

const json::Value& JsonReader::required(const json::Value& obj, std::string_view key, const std::string& path) const {
  const json::Value* v = obj.find(key);
  if (!v) fail(obj, path, "missing field '" + std::string(key) + "'");
  return *v;
}

const json::Value* JsonReader::optional(const json::Value& obj, std::string_view key) const {
  const json::Value* v = obj.find(key);
  return v && !v->is_null() ? v : nullptr;
}

bool JsonReader::get_bool(const json::Value& obj, std::string_view key, const std::string& path) const {
  const json::Value& v = required(obj, key, path);
  expect(v, json::Type::Bool, join(path, key));
  return v.as_bool();
}

std::optional<bool> JsonReader::get_optional_bool(const json::Value& obj, std::string_view key,
                                                  const std::string& path) const {
  const json::Value* v = optional(obj, key);
  if (!v) return std::nullopt;
  expect(*v, json::Type::Bool, join(path, key));
  return v->as_bool();
}

std::string JsonReader::get_string(const json::Value& obj, std::string_view key, const std::string& path) const {
  const json::Value& v = required(obj, key, path);
  expect(v, json::Type::String, join(path, key));
  return v.as_string();
}

std::optional<std::string> JsonReader::get_optional_string(const json::Value& obj, std::string_view key,
                                                           const std::string& path) const {
  const json::Value* v = optional(obj, key);
  if (!v) return std::nullopt;
  expect(*v, json::Type::String, join(path, key));
  return v->as_string();
}

uint64_t JsonReader::as_uint(const json::Value& v, const std::string& path) const {
  if (!v.is_integer() || v.as_int() < 0) fail(v, path, "expected a non-negative integer");
  return static_cast<uint64_t>(v.as_int());
}

uint64_t JsonReader::get_uint(const json::Value& obj, std::string_view key, const std::string& path) const {
  return as_uint(required(obj, key, path), join(path, key));
}

std::string JsonReader::type_of(const json::Value& obj, const std::string& path) const {
  expect(obj, json::Type::Object, path);
  const json::Value* t = obj.find("type");
  if (!t) return "";
  expect(*t, json::Type::String, join(path, "type"));
  return t->as_string();
}

std::string JsonReader::join(const std::string& path, std::string_view key) {
  if (path.empty()) return std::string(key);
  std::string out = path;
  out += '.';
  out += key;
  return out;
}

std::string JsonReader::index(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

}  // namespace embedkit::tok
