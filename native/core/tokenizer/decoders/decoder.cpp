#include "tokenizer/decoders/decoder.h"

#include "text/utf8.h"
#include "tokenizer/decoders/byte_decoders.h"
#include "tokenizer/decoders/simple_decoders.h"
#include "tokenizer/pattern.h"

namespace embedkit::tok {

namespace {

uint32_t one_char(const JsonReader& r, const json::Value& v, const char* key, const std::string& path) {
  const std::string s = r.get_string(v, key, path);
  size_t end = 0;
  const uint32_t cp = s.empty() ? 0 : text::decode_utf8(s, end);
  if (s.empty() || end != s.size()) r.fail(r.required(v, key, path), JsonReader::join(path, key), "expected a single character");
  return cp;
}

}  // namespace

std::unique_ptr<Decoder> make_decoder(const JsonReader& r, const json::Value& v, const std::string& path) {
  const std::string type = r.type_of(v, path);
  if (type == "ByteLevel") {
    r.get_bool(v, "add_prefix_space", path);  // required by HF's ByteLevel struct
    r.get_bool(v, "trim_offsets", path);
    return std::make_unique<ByteLevelDecoder>();
  }
  if (type == "ByteFallback") return std::make_unique<ByteFallbackDecoder>();
  if (type == "Fuse") return std::make_unique<FuseDecoder>();
  if (type == "Metaspace") {
    const uint32_t rep = one_char(r, v, "replacement", path);
    const auto scheme = r.get_optional_string(v, "prepend_scheme", path).value_or("always");
    if (scheme != "always" && scheme != "first" && scheme != "never")
      r.fail(r.required(v, "prepend_scheme", path), JsonReader::join(path, "prepend_scheme"), "unknown prepend_scheme '" + scheme + "'");
    if (r.get_optional_bool(v, "add_prefix_space", path) == std::optional<bool>(false) && scheme != "never")
      r.fail(v, path, "add_prefix_space false does not match prepend_scheme (only \"never\" does)");
    return std::make_unique<MetaspaceDecoder>(rep, scheme == "never");
  }
  if (type == "WordPiece")
    return std::make_unique<WordPieceDecoder>(r.get_optional_string(v, "prefix", path).value_or("##"),
                                              r.get_optional_bool(v, "cleanup", path).value_or(true));
  if (type == "BPEDecoder") return std::make_unique<BpeDecoder>(r.get_optional_string(v, "suffix", path).value_or("</w>"));
  if (type == "CTC")
    return std::make_unique<CtcDecoder>(r.get_optional_string(v, "pad_token", path).value_or("<pad>"),
                                        r.get_optional_string(v, "word_delimiter_token", path).value_or("|"),
                                        r.get_optional_bool(v, "cleanup", path).value_or(true));
  if (type == "Strip")
    return std::make_unique<StripDecoder>(one_char(r, v, "content", path), r.get_uint(v, "start", path), r.get_uint(v, "stop", path));
  if (type == "Replace") {
    auto regex = read_pattern(r, r.required(v, "pattern", path), JsonReader::join(path, "pattern"));
    return std::make_unique<ReplaceDecoder>(std::make_unique<ReplaceNormalizer>(std::move(regex), r.get_string(v, "content", path)));
  }
  if (type == "Sequence") {
    const std::string list_path = JsonReader::join(path, "decoders");
    const json::Value& list = r.required(v, "decoders", path);
    r.expect(list, json::Type::Array, list_path);
    std::vector<std::unique_ptr<Decoder>> parts;
    for (size_t i = 0; i < list.size(); i++) parts.push_back(make_decoder(r, list.items()[i], JsonReader::index(list_path, i)));
    return std::make_unique<SequenceDecoder>(std::move(parts));
  }
  r.unsupported("decoder", type.empty() ? "(none)" : type, path);
}

}  // namespace embedkit::tok
