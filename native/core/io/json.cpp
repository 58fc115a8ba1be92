#include "io/json.h"

#include <charconv>
#include <cmath>

#include "common/error.h"
#include "text/utf8.h"

namespace embedkit::json {

const Value* Value::find(std::string_view key) const noexcept {
  for (size_t i = keys_.size(); i-- > 0;)
    if (keys_[i] == key) return &items_[i];
  return nullptr;
}

const char* Value::type_name(Type t) noexcept {
  switch (t) {
    case Type::Null: return "null";
    case Type::Bool: return "boolean";
    case Type::Number: return "number";
    case Type::String: return "string";
    case Type::Array: return "array";
    case Type::Object: return "object";
  }
  return "value";
}

std::string describe_position(std::string_view text, size_t offset) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); i++) {
    if (text[i] == '\n') {
      line++;
      column = 1;
    } else if ((static_cast<uint8_t>(text[i]) & 0xC0) != 0x80) {
      column++;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  Value parse_document() {
    skip_space();
    Value v = parse_value(0);
    skip_space();
    if (pos_ != text_.size()) fail("unexpected data after the JSON value");
    return v;
  }

 private:
  static constexpr int kMaxDepth = 512;  // serde_json's recursion limit is 128; be a little kinder

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(ErrorKind::Format, source_ + ": invalid JSON at " + describe_position(text_, pos_) +
                                       " (byte " + std::to_string(pos_) + "): " + what);
  }

  void skip_space() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
        pos_++;
      else
        break;
    }
  }

  bool consume(std::string_view word) {
    if (text_.substr(pos_, word.size()) == word) {
      pos_ += word.size();
      return true;
    }
    return false;
  }

  Value parse_value(int depth) {
    if (depth > kMaxDepth) fail("nesting deeper than " + std::to_string(kMaxDepth));
    if (pos_ >= text_.size()) fail("unexpected end of input");
    Value v;
    v.offset_ = pos_;
    char c = text_[pos_];
    switch (c) {
      case '{': parse_object(v, depth); break;
      case '[': parse_array(v, depth); break;
      case '"':
        v.type_ = Type::String;
        v.string_ = parse_string();
        break;
      case 't':
        if (!consume("true")) fail("expected 'true'");
        v.type_ = Type::Bool;
        v.boolean_ = true;
        break;
      case 'f':
        if (!consume("false")) fail("expected 'false'");
        v.type_ = Type::Bool;
        break;
      case 'n':
        if (!consume("null")) fail("expected 'null'");
        break;
      default:
        if (c == '-' || (c >= '0' && c <= '9'))
          parse_number(v);
        else
          fail(std::string("unexpected character '") + (c >= 32 && c < 127 ? std::string(1, c) : "?") + "'");
    }
    return v;
  }

  void parse_object(Value& v, int depth) {
    v.type_ = Type::Object;
    pos_++;  // '{'
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      pos_++;
      return;
    }
    for (;;) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != '"') fail("expected a string key");
      v.keys_.push_back(parse_string());
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ':') fail("expected ':' after an object key");
      pos_++;
      skip_space();
      v.items_.push_back(parse_value(depth + 1));
      skip_space();
      if (pos_ >= text_.size()) fail("unexpected end of input inside an object");
      if (text_[pos_] == ',') {
        pos_++;
        continue;
      }
      if (text_[pos_] == '}') {
        pos_++;
        return;
      }
      fail("expected ',' or '}' in an object");
    }
  }

  void parse_array(Value& v, int depth) {
    v.type_ = Type::Array;
    pos_++;  // '['
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      pos_++;
      return;
    }
    for (;;) {
      skip_space();
      v.items_.push_back(parse_value(depth + 1));
      skip_space();
      if (pos_ >= text_.size()) fail("unexpected end of input inside an array");
      if (text_[pos_] == ',') {
        pos_++;
        continue;
      }
      if (text_[pos_] == ']') {
        pos_++;
        return;
      }
      fail("expected ',' or ']' in an array");
    }
  }

  uint32_t parse_hex4() {
    if (pos_ + 4 > text_.size()) fail("truncated \\u escape");
    uint32_t cp = 0;
    for (int i = 0; i < 4; i++) {
      char h = text_[pos_++];
      cp <<= 4;
      if (h >= '0' && h <= '9') cp |= h - '0';
      else if (h >= 'a' && h <= 'f') cp |= h - 'a' + 10;
      else if (h >= 'A' && h <= 'F') cp |= h - 'A' + 10;
      else fail("invalid hex digit in \\u escape");
    }
    return cp;
  }

  std::string parse_string() {
    pos_++;  // opening quote
    std::string out;
    size_t run = pos_;
    for (;;) {
      if (pos_ >= text_.size()) fail("unterminated string");
      uint8_t c = static_cast<uint8_t>(text_[pos_]);
      if (c == '"') {
        out.append(text_.data() + run, pos_ - run);
        pos_++;
        break;
      }
      if (c < 0x20) fail("control character inside a string");
      if (c == '\\') {
        out.append(text_.data() + run, pos_ - run);
        pos_++;
        if (pos_ >= text_.size()) fail("unterminated escape");
        char e = text_[pos_++];
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            uint32_t cp = parse_hex4();
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              if (!(pos_ + 1 < text_.size() && text_[pos_] == '\\' && text_[pos_ + 1] == 'u'))
                fail("lone leading surrogate in \\u escape");
              pos_ += 2;
              uint32_t low = parse_hex4();
              if (low < 0xDC00 || low > 0xDFFF) fail("invalid trailing surrogate in \\u escape");
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
              fail("lone trailing surrogate in \\u escape");
            }
            text::append_utf8(out, cp);
            break;
          }
          default: fail("invalid escape character");
        }
        run = pos_;
        continue;
      }
      if (c >= 0x80) {
        size_t len = text::valid_utf8_sequence_length(text_, pos_);
        if (len == 0) fail("invalid UTF-8 inside a string");
        pos_ += len;
        continue;
      }
      pos_++;
    }
    return out;
  }

  void parse_number(Value& v) {
    size_t start = pos_;
    bool integral = true;
    if (text_[pos_] == '-') pos_++;
    if (pos_ >= text_.size() || !isdigit(text_[pos_])) fail("invalid number");
    if (text_[pos_] == '0') {
      pos_++;
    } else {
      while (pos_ < text_.size() && isdigit(text_[pos_])) pos_++;
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      integral = false;
      pos_++;
      if (pos_ >= text_.size() || !isdigit(text_[pos_])) fail("invalid number: digit expected after '.'");
      while (pos_ < text_.size() && isdigit(text_[pos_])) pos_++;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      integral = false;
      pos_++;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) pos_++;
      if (pos_ >= text_.size() || !isdigit(text_[pos_])) fail("invalid number: digit expected in exponent");
      while (pos_ < text_.size() && isdigit(text_[pos_])) pos_++;
    }
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    v.type_ = Type::Number;
    double d = 0;
    auto r = std::from_chars(first, last, d);
    if (r.ec != std::errc() && r.ec != std::errc::result_out_of_range) fail("invalid number");
    v.number_ = d;
    if (integral) {
      int64_t i = 0;
      auto ri = std::from_chars(first, last, i);
      if (ri.ec == std::errc()) {
        v.integral_ = true;
        v.integer_ = i;
      }
    }
  }

  static bool isdigit(char c) { return c >= '0' && c <= '9'; }

  std::string_view text_;
  const std::string& source_;
  size_t pos_ = 0;
};

Value parse(std::string_view text, const std::string& source) {
  Parser p(text, source);
  return p.parse_document();
}

}  // namespace embedkit::json
