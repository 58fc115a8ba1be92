#include "tokenizer/normalizers/normalizer.h"

#include "tokenizer/normalizers/bert_normalizer.h"
#include "tokenizer/normalizers/byte_level.h"
#include "tokenizer/normalizers/lowercase.h"
#include "tokenizer/normalizers/nfd.h"
#include "tokenizer/normalizers/nmt.h"
#include "tokenizer/normalizers/prepend.h"
#include "tokenizer/normalizers/replace.h"
#include "tokenizer/pattern.h"
#include "tokenizer/normalizers/sequence.h"
#include "tokenizer/normalizers/strip.h"
#include "tokenizer/normalizers/strip_accents.h"
#include "tokenizer/normalizers/unicode_forms.h"

namespace embedkit::tok {

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
