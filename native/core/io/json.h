// A small JSON reader (RFC 8259) for the files models come with: tokenizer.json, config.json and the
// safetensors header. It keeps each value's byte offset so that errors can say where in the file the
// problem is, and it rejects what serde_json (Hugging Face's parser) rejects.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace embedkit::json {

enum class Type : uint8_t { Null, Bool, Number, String, Array, Object };

class Value {
 public:
  Type type() const noexcept { return type_; }
  bool is_null() const noexcept { return type_ == Type::Null; }
  bool is_bool() const noexcept { return type_ == Type::Bool; }
  bool is_number() const noexcept { return type_ == Type::Number; }
  bool is_string() const noexcept { return type_ == Type::String; }
  bool is_array() const noexcept { return type_ == Type::Array; }
  bool is_object() const noexcept { return type_ == Type::Object; }
  // Is this number an integer written without fraction or exponent (so `as_int` is exact)?
  bool is_integer() const noexcept { return type_ == Type::Number && integral_; }

  bool as_bool() const noexcept { return boolean_; }
  double as_number() const noexcept { return number_; }
  int64_t as_int() const noexcept { return integer_; }
  const std::string& as_string() const noexcept { return string_; }
  // Array elements, or object values (in file order; keys() gives the matching keys).
  const std::vector<Value>& items() const noexcept { return items_; }
  const std::vector<std::string>& keys() const noexcept { return keys_; }
  size_t size() const noexcept { return items_.size(); }

  // Object member by key (the last one when a key repeats, as serde does), or nullptr.
  const Value* find(std::string_view key) const noexcept;
  // Byte offset of this value in the parsed text.
  size_t offset() const noexcept { return offset_; }

  static const char* type_name(Type t) noexcept;

 private:
  friend class Parser;
  Type type_ = Type::Null;
  bool boolean_ = false;
  bool integral_ = false;
  double number_ = 0;
  int64_t integer_ = 0;
  size_t offset_ = 0;
  std::string string_;
  std::vector<Value> items_;
  std::vector<std::string> keys_;
};

// Parses `text`. On malformed input throws Error(Format) naming `source` with line, column and byte offset.
Value parse(std::string_view text, const std::string& source);

// "line L, column C" for a byte offset, for messages that point into a file.
std::string describe_position(std::string_view text, size_t offset);

}  // namespace embedkit::json
