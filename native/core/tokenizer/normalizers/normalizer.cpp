#include "tokenizer/normalizers/normalizer.h"

#include "common/error.h"

#include "tokenizer/normalizers/bert_normalizer.h"
#include "tokenizer/normalizers/byte_level.h"
#include "tokenizer/normalizers/lowercase.h"
#include "tokenizer/normalizers/nfd.h"
#include "tokenizer/normalizers/nmt.h"
#include "tokenizer/normalizers/precompiled.h"
#include "tokenizer/normalizers/prepend.h"
#include "tokenizer/normalizers/replace.h"
#include "tokenizer/pattern.h"
#include "tokenizer/normalizers/sequence.h"
#include "tokenizer/normalizers/strip.h"
#include "tokenizer/normalizers/strip_accents.h"
#include "tokenizer/normalizers/unicode_forms.h"

namespace embedkit::tok {

namespace {

// Standard base64 (padding optional, no whitespace), as serde's base64 field reads it.
bool decode_base64(std::string_view in, std::string& out) {
  auto digit = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  out.clear();
  out.reserve(in.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const int d = digit(c);
    if (d < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(d);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return true;
}

}  // namespace

std::unique_ptr<Normalizer> make_normalizer(const JsonReader& r, const json::Value& v, const std::string& path) {
  const std::string type = r.type_of(v, path);
  if (type == "BertNormalizer") {
    const bool clean = r.get_bool(v, "clean_text", path);
    const bool chinese = r.get_bool(v, "handle_chinese_chars", path);
    const bool lowercase = r.get_bool(v, "lowercase", path);
    const bool strip = r.get_optional_bool(v, "strip_accents", path).value_or(lowercase);
    return std::make_unique<BertNormalizer>(clean, chinese, strip, lowercase);
  }
  if (type == "Sequence") {
    const std::string list_path = JsonReader::join(path, "normalizers");
    const json::Value& list = r.required(v, "normalizers", path);
    r.expect(list, json::Type::Array, list_path);
    std::vector<std::unique_ptr<Normalizer>> parts;
    for (size_t i = 0; i < list.size(); i++) parts.push_back(make_normalizer(r, list.items()[i], JsonReader::index(list_path, i)));
    return std::make_unique<SequenceNormalizer>(std::move(parts));
  }
  if (type == "Lowercase") return std::make_unique<LowercaseNormalizer>();
  if (type == "StripAccents") return std::make_unique<StripAccentsNormalizer>();
  // NFD through the general path too: its offsets follow HF's positional rule for reordered marks.
  if (type == "NFD") return std::make_unique<UnicodeFormNormalizer>(false, false);
  if (type == "NFKD") return std::make_unique<UnicodeFormNormalizer>(true, false);
  if (type == "NFC") return std::make_unique<UnicodeFormNormalizer>(false, true);
  if (type == "NFKC") return std::make_unique<UnicodeFormNormalizer>(true, true);
  if (type == "Nmt") return std::make_unique<NmtNormalizer>();
  if (type == "Precompiled") {
    const json::Value& map = r.required(v, "precompiled_charsmap", path);
    const std::string map_path = JsonReader::join(path, "precompiled_charsmap");
    // HF aborts on null or an unreadable map; here it is a load error.
    r.expect(map, json::Type::String, map_path);
    std::string bytes;
    if (!decode_base64(map.as_string(), bytes)) r.fail(map, map_path, "expected standard base64");
    try {
      return std::make_unique<PrecompiledNormalizer>(bytes, "the charsmap");
    } catch (const Error& e) {
      r.fail(map, map_path, e.what());
    }
  }
  if (type == "Strip")
    return std::make_unique<StripNormalizer>(r.get_bool(v, "strip_left", path), r.get_bool(v, "strip_right", path));
  if (type == "ByteLevel") return std::make_unique<ByteLevelNormalizer>();
  if (type == "Replace") {
    auto regex = read_pattern(r, r.required(v, "pattern", path), JsonReader::join(path, "pattern"));
    return std::make_unique<ReplaceNormalizer>(std::move(regex), r.get_string(v, "content", path));
  }
  if (type == "Prepend") return std::make_unique<PrependNormalizer>(r.get_string(v, "prepend", path));
  r.unsupported("normalizer", type.empty() ? "(none)" : type, path);
}

}  // namespace embedkit::tok
