#include "tokenizer/pre_tokenizers/pre_tokenizer.h"

#include "tokenizer/pre_tokenizers/bert_pre_tokenizer.h"
#include "tokenizer/pre_tokenizers/byte_level.h"
#include "tokenizer/pre_tokenizers/char_splits.h"
#include "tokenizer/pre_tokenizers/metaspace.h"
#include "tokenizer/pre_tokenizers/sequence.h"
#include "tokenizer/pre_tokenizers/split.h"
#include "tokenizer/pre_tokenizers/unicode_scripts.h"
#include "tokenizer/pattern.h"
#include "tokenizer/pre_tokenizers/whitespace.h"

namespace embedkit::tok {

SplitBehavior parse_split_behavior(const JsonReader& r, const json::Value& v, const std::string& path) {
  r.expect(v, json::Type::String, path);
  const std::string& s = v.as_string();
  if (s == "Removed") return SplitBehavior::Removed;
  if (s == "Isolated") return SplitBehavior::Isolated;
  if (s == "MergedWithPrevious") return SplitBehavior::MergedWithPrevious;
  if (s == "MergedWithNext") return SplitBehavior::MergedWithNext;
  if (s == "Contiguous") return SplitBehavior::Contiguous;
  r.fail(v, path, "unknown split behavior '" + s + "'");
}

std::unique_ptr<PreTokenizer> make_pre_tokenizer(const JsonReader& r, const json::Value& v, const std::string& path) {
  const std::string type = r.type_of(v, path);
  if (type == "BertPreTokenizer") return std::make_unique<BertPreTokenizer>();
  if (type == "Whitespace") return std::make_unique<WhitespacePreTokenizer>();
  if (type == "WhitespaceSplit") return std::make_unique<WhitespaceSplitPreTokenizer>();
  if (type == "Punctuation") {
    const json::Value* b = r.optional(v, "behavior");
    return std::make_unique<PunctuationPreTokenizer>(
        b ? parse_split_behavior(r, *b, JsonReader::join(path, "behavior")) : SplitBehavior::Isolated);
  }
  if (type == "Digits") return std::make_unique<DigitsPreTokenizer>(r.get_bool(v, "individual_digits", path));
  if (type == "UnicodeScripts") return std::make_unique<UnicodeScriptsPreTokenizer>();
  if (type == "CharDelimiterSplit") {
    const std::string d = r.get_string(v, "delimiter", path);
    size_t end = 0;
    const uint32_t delimiter = d.empty() ? 0 : text::decode_utf8(d, end);
    if (d.empty() || end != d.size())
      r.fail(r.required(v, "delimiter", path), JsonReader::join(path, "delimiter"), "expected a single character");
    return std::make_unique<CharDelimiterPreTokenizer>(delimiter);
  }
  if (type == "ByteLevel") {
    r.get_bool(v, "add_prefix_space", path);  // required by HF
    r.get_bool(v, "trim_offsets", path);      // required by HF; offsets only (post-processor)
    const bool use_regex = r.get_optional_bool(v, "use_regex", path).value_or(true);
    return std::make_unique<ByteLevelPreTokenizer>(r.get_bool(v, "add_prefix_space", path), use_regex);
  }
  if (type == "Split") {
    auto regex = read_pattern(r, r.required(v, "pattern", path), JsonReader::join(path, "pattern"));
    const SplitBehavior behavior = parse_split_behavior(r, r.required(v, "behavior", path), JsonReader::join(path, "behavior"));
    const bool invert = r.get_bool(v, "invert", path);
    return std::make_unique<SplitPreTokenizer>(std::move(regex), behavior, invert);
  }
  if (type == "Metaspace") {
    const std::string rep = r.get_string(v, "replacement", path);
    size_t end = 0;
    const uint32_t replacement = rep.empty() ? 0 : text::decode_utf8(rep, end);
    if (rep.empty() || end != rep.size())
      r.fail(r.required(v, "replacement", path), JsonReader::join(path, "replacement"), "expected a single character");
    PrependScheme scheme = PrependScheme::Always;
    const json::Value* s = r.optional(v, "prepend_scheme");
    if (s) {
      const std::string sp = JsonReader::join(path, "prepend_scheme");
      r.expect(*s, json::Type::String, sp);
      if (s->as_string() == "always") scheme = PrependScheme::Always;
      else if (s->as_string() == "first") scheme = PrependScheme::First;
      else if (s->as_string() == "never") scheme = PrependScheme::Never;
      else r.fail(*s, sp, "unknown prepend_scheme '" + s->as_string() + "'");
    }
    if (r.get_optional_bool(v, "add_prefix_space", path) == std::optional<bool>(false) && scheme != PrependScheme::Never)
      r.fail(v, path, "add_prefix_space false does not match prepend_scheme (only \"never\" does)");
    const bool split = r.get_optional_bool(v, "split", path).value_or(true);
    return std::make_unique<MetaspacePreTokenizer>(replacement, scheme, split);
  }
  if (type == "Sequence") {
    const std::string list_path = JsonReader::join(path, "pretokenizers");
    const json::Value& list = r.required(v, "pretokenizers", path);
    r.expect(list, json::Type::Array, list_path);
    std::vector<std::unique_ptr<PreTokenizer>> parts;
    for (size_t i = 0; i < list.size(); i++)
      parts.push_back(make_pre_tokenizer(r, list.items()[i], JsonReader::index(list_path, i)));
    return std::make_unique<SequencePreTokenizer>(std::move(parts));
  }
  r.unsupported("pre-tokenizer", type.empty() ? "(none)" : type, path);
}

}  // namespace embedkit::tok
