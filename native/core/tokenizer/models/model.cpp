#include "tokenizer/models/model.h"

#include <cmath>

#include "tokenizer/models/bpe.h"
#include "tokenizer/models/unigram.h"
#include "tokenizer/models/word_level.h"
#include "tokenizer/models/wordpiece.h"
#include "tokenizer/serde_float.h"

namespace embedkit::tok {

namespace {

std::unique_ptr<Model> make_bpe(const JsonReader& r, const json::Value& v, const std::string& path) {
  Vocab vocab = Vocab::from_json(r, r.required(v, "vocab", path), JsonReader::join(path, "vocab"));
  const std::string merges_path = JsonReader::join(path, "merges");
  const json::Value& list = r.required(v, "merges", path);
  r.expect(list, json::Type::Array, merges_path);
  std::vector<std::pair<std::string, std::string>> merges;
  merges.reserve(list.size());
  for (size_t i = 0; i < list.size(); i++) {
    const json::Value& m = list.items()[i];
    const std::string p = JsonReader::index(merges_path, i);
    if (m.is_string()) {  // legacy "a b": split on single spaces into exactly two parts
      const std::string& line = m.as_string();
      if (line.rfind("#version", 0) == 0) continue;
      const size_t space = line.find(' ');
      if (space == std::string::npos || line.find(' ', space + 1) != std::string::npos)
        r.fail(m, p, "a merge must be two tokens separated by one space");
      merges.emplace_back(line.substr(0, space), line.substr(space + 1));
    } else {
      r.expect(m, json::Type::Array, p);
      if (m.size() != 2 || !m.items()[0].is_string() || !m.items()[1].is_string()) r.fail(m, p, "expected [left, right]");
      merges.emplace_back(m.items()[0].as_string(), m.items()[1].as_string());
    }
  }
  BpeOptions o;
  o.unk_token = r.get_optional_string(v, "unk_token", path);
  o.prefix = r.get_optional_string(v, "continuing_subword_prefix", path).value_or("");
  o.suffix = r.get_optional_string(v, "end_of_word_suffix", path).value_or("");
  o.fuse_unk = r.get_optional_bool(v, "fuse_unk", path).value_or(false);
  o.byte_fallback = r.get_optional_bool(v, "byte_fallback", path).value_or(false);
  o.ignore_merges = r.get_optional_bool(v, "ignore_merges", path).value_or(false);
  if (const json::Value* d = r.optional(v, "dropout")) {
    const std::string dp = JsonReader::join(path, "dropout");
    if (!d->is_number()) r.fail(*d, dp, "expected a number");
    const double p = d->as_number();
    if (!(p >= 0.0 && p <= 1.0)) r.fail(*d, dp, "dropout must be between 0 and 1");
    o.no_merges = p >= 1.0;  // 0 < p < 1 is sampling in HF: treated as off here (deterministic inference)
  }
  return std::make_unique<Bpe>(std::move(vocab), merges, std::move(o), r.source() + ": " + path);
}

std::unique_ptr<Model> make_unigram(const JsonReader& r, const json::Value& v, const std::string& path) {
  const std::string vocab_path = JsonReader::join(path, "vocab");
  const json::Value& list = r.required(v, "vocab", path);
  r.expect(list, json::Type::Array, vocab_path);
  std::vector<std::pair<std::string, double>> vocab;
  vocab.reserve(list.size());
  for (size_t i = 0; i < list.size(); i++) {
    const json::Value& e = list.items()[i];
    const std::string p = JsonReader::index(vocab_path, i);
    r.expect(e, json::Type::Array, p);
    if (e.size() != 2 || !e.items()[0].is_string() || !e.items()[1].is_number()) r.fail(e, p, "expected [piece, score]");
    const double score = serde_json_f64(r.raw(e.items()[1]));  // serde's rounding, not strtod's
    vocab.emplace_back(e.items()[0].as_string(), std::isnan(score) ? e.items()[1].as_number() : score);
  }
  std::optional<uint32_t> unk;
  if (const json::Value* u = r.optional(v, "unk_id")) {
    const uint64_t id = r.as_uint(*u, JsonReader::join(path, "unk_id"));
    if (id >= vocab.size()) r.fail(*u, JsonReader::join(path, "unk_id"), "unk_id is not an index of the vocabulary");
    unk = static_cast<uint32_t>(id);
  }
  const bool byte_fallback = r.get_optional_bool(v, "byte_fallback", path).value_or(false);
  return std::make_unique<Unigram>(std::move(vocab), unk, byte_fallback);
}

}  // namespace

std::unique_ptr<Model> make_model(const JsonReader& r, const json::Value& v, const std::string& path) {
  std::string type = r.type_of(v, path);
  if (type.empty()) {
    // HF's untagged fallback tries BPE, WordPiece, WordLevel, Unigram in turn; tell them apart by fields.
    if (v.find("merges")) type = "BPE";
    else if (v.find("continuing_subword_prefix") && v.find("max_input_chars_per_word")) type = "WordPiece";
    else if (const json::Value* vocab = v.find("vocab"); vocab && vocab->is_array()) type = "Unigram";
    else if (v.find("unk_token") && v.find("vocab")) type = "WordLevel";
  }
  if (type == "WordPiece") {
    std::string unk = r.get_string(v, "unk_token", path);
    std::string prefix = r.get_string(v, "continuing_subword_prefix", path);
    const uint64_t max_chars = r.get_uint(v, "max_input_chars_per_word", path);
    Vocab vocab = Vocab::from_json(r, r.required(v, "vocab", path), JsonReader::join(path, "vocab"));
    return std::make_unique<WordPiece>(std::move(vocab), std::move(unk), std::move(prefix), static_cast<size_t>(max_chars));
  }
  if (type == "WordLevel") {
    std::string unk = r.get_string(v, "unk_token", path);
    Vocab vocab = Vocab::from_json(r, r.required(v, "vocab", path), JsonReader::join(path, "vocab"));
    return std::make_unique<WordLevel>(std::move(vocab), std::move(unk));
  }
  if (type == "BPE") return make_bpe(r, v, path);
  if (type == "Unigram") return make_unigram(r, v, path);
  r.unsupported("model", type.empty() ? "(none)" : type, path);
}

}  // namespace embedkit::tok
