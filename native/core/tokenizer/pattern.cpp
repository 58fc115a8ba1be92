#include "tokenizer/pattern.h"

#include "common/error.h"

namespace embedkit::tok {

std::shared_ptr<const text::Regex> read_pattern(const JsonReader& r, const json::Value& pattern, const std::string& path) {
  r.expect(pattern, json::Type::Object, path);
  if (pattern.find("String")) return text::Regex::literal(r.get_string(pattern, "String", path));
  if (!pattern.find("Regex")) r.fail(pattern, path, "expected {\"String\": ...} or {\"Regex\": ...}");
  const std::string source = r.get_string(pattern, "Regex", path);
  try {
    return text::Regex::compile(source, r.source() + ": " + JsonReader::join(path, "Regex"));
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Unsupported) throw;
    r.fail(r.required(pattern, "Regex", path), JsonReader::join(path, "Regex"), e.what());
  }
}

}  // namespace embedkit::tok
