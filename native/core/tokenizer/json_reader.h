// Reading tokenizer.json components with errors that name the file, the JSON path and the position:
// "tokenizer.json: expected a boolean at normalizer.lowercase (line 12, column 18)".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "io/json.h"

namespace embedkit::tok {

class JsonReader {
 public:
  JsonReader(std::string_view text, std::string source) : text_(text), source_(std::move(source)) {}

  const std::string& source() const noexcept { return source_; }

  // Error(Format): "<source>: <what> at <path> (line L, column C)".
  [[noreturn]] void fail(const json::Value& at, const std::string& path, const std::string& what) const;
  // Error(Unsupported): "<source>: unsupported <kind> type '<type>' at <path>".
  [[noreturn]] void unsupported(const std::string& kind, const std::string& type, const std::string& path) const;

  void expect(const json::Value& v, json::Type type, const std::string& path) const;
  // A member that must be present (null counts as present).
  const json::Value& required(const json::Value& obj, std::string_view key, const std::string& path) const;
  // A member that may be absent or null: nullptr then.
  const json::Value* optional(const json::Value& obj, std::string_view key) const;

  bool get_bool(const json::Value& obj, std::string_view key, const std::string& path) const;
  std::optional<bool> get_optional_bool(const json::Value& obj, std::string_view key, const std::string& path) const;
  std::string get_string(const json::Value& obj, std::string_view key, const std::string& path) const;
  std::optional<std::string> get_optional_string(const json::Value& obj, std::string_view key, const std::string& path) const;
  uint64_t get_uint(const json::Value& obj, std::string_view key, const std::string& path) const;
  uint64_t as_uint(const json::Value& v, const std::string& path) const;

  // The source text from where `v` starts to the end of the file (for reading a number's digits).
  std::string_view raw(const json::Value& v) const { return v.offset() < text_.size() ? text_.substr(v.offset()) : std::string_view(); }

  // The component's "type" string, or "" when the object has none.
  std::string type_of(const json::Value& obj, const std::string& path) const;

  static std::string join(const std::string& path, std::string_view key);
  static std::string index(const std::string& path, size_t i);

 private:
  std::string_view text_;
  std::string source_;
};

}  // namespace embedkit::tok
