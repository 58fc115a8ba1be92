// Tokenizer::from_json / from_file: reads a tokenizer.json into a PipelineTokenizer.
#include "tokenizer/tokenizer.h"

#include "common/error.h"
#include "io/json.h"
#include "io/mapped_file.h"
#include "tokenizer/json_reader.h"
#include "tokenizer/pipeline.h"

namespace embedkit::tok {

namespace {

std::vector<AddedToken> read_added_tokens(const JsonReader& r, const json::Value& list) {
  const std::string path = "added_tokens";
  r.expect(list, json::Type::Array, path);
  std::vector<AddedToken> out;
  out.reserve(list.size());
  for (size_t i = 0; i < list.size(); i++) {
    const json::Value& v = list.items()[i];
    const std::string p = JsonReader::index(path, i);
    r.expect(v, json::Type::Object, p);
    r.get_uint(v, "id", p);  // required by HF, then ignored (ids are recomputed)
    AddedToken t;
    t.content = r.get_string(v, "content", p);
    t.single_word = r.get_bool(v, "single_word", p);
    t.lstrip = r.get_bool(v, "lstrip", p);
    t.rstrip = r.get_bool(v, "rstrip", p);
    t.normalized = r.get_bool(v, "normalized", p);
    t.special = r.get_bool(v, "special", p);
    out.push_back(std::move(t));
  }
  return out;
}

Side read_side(const JsonReader& r, const json::Value& obj, const std::string& path) {
  const json::Value* v = obj.find("direction");
  if (!v) return Side::Right;  // the one field with a default
  const std::string p = JsonReader::join(path, "direction");
  r.expect(*v, json::Type::String, p);
  if (v->as_string() == "Right") return Side::Right;
  if (v->as_string() == "Left") return Side::Left;
  r.fail(*v, p, "expected \"Right\" or \"Left\"");
}

// {"max_length","strategy","stride","direction"}: names are PascalCase and stride is required, as in HF.
Truncation read_truncation(const JsonReader& r, const json::Value& v) {
  const std::string path = "truncation";
  r.expect(v, json::Type::Object, path);
  Truncation t;
  t.max_length = static_cast<size_t>(r.get_uint(v, "max_length", path));
  t.stride = static_cast<size_t>(r.get_uint(v, "stride", path));
  const std::string strategy = r.get_string(v, "strategy", path);
  if (strategy == "LongestFirst") t.strategy = Truncation::Strategy::LongestFirst;
  else if (strategy == "OnlyFirst") t.strategy = Truncation::Strategy::OnlyFirst;
  else if (strategy == "OnlySecond") t.strategy = Truncation::Strategy::OnlySecond;
  else r.fail(r.required(v, "strategy", path), JsonReader::join(path, "strategy"), "expected \"LongestFirst\", \"OnlyFirst\" or \"OnlySecond\"");
  t.side = read_side(r, v, path);
  return t;
}

// {"strategy":"BatchLongest"|{"Fixed":n},"direction","pad_to_multiple_of":n|null,"pad_id","pad_type_id","pad_token"}
Padding read_padding(const JsonReader& r, const json::Value& v) {
  const std::string path = "padding";
  r.expect(v, json::Type::Object, path);
  Padding p;
  const json::Value& strategy = r.required(v, "strategy", path);
  const std::string sp = JsonReader::join(path, "strategy");
  if (strategy.is_string() && strategy.as_string() == "BatchLongest") {
    p.strategy = Padding::Strategy::BatchLongest;
  } else if (strategy.is_object() && strategy.find("Fixed")) {
    p.strategy = Padding::Strategy::Fixed;
    p.length = static_cast<size_t>(r.get_uint(strategy, "Fixed", sp));
  } else {
    r.fail(strategy, sp, "expected \"BatchLongest\" or {\"Fixed\": n}");
  }
  p.side = read_side(r, v, path);
  if (const json::Value* m = r.optional(v, "pad_to_multiple_of"))
    p.pad_to_multiple_of = static_cast<size_t>(r.as_uint(*m, JsonReader::join(path, "pad_to_multiple_of")));
  p.pad_id = static_cast<uint32_t>(r.get_uint(v, "pad_id", path));
  p.pad_type_id = static_cast<uint32_t>(r.get_uint(v, "pad_type_id", path));
  p.pad_token = r.get_string(v, "pad_token", path);
  return p;
}

}  // namespace

std::shared_ptr<const Tokenizer> Tokenizer::from_json(std::string_view json_text, const std::string& source) {
  const json::Value root = json::parse(json_text, source);
  const JsonReader r(json_text, source);
  r.expect(root, json::Type::Object, "");

  // HF's Tokenizer deserializer refuses keys it does not know.
  static const char* const kKnown[] = {"version", "truncation", "padding", "added_tokens", "normalizer",
                                       "pre_tokenizer", "model", "post_processor", "decoder"};
  for (size_t i = 0; i < root.keys().size(); i++) {
    const std::string& key = root.keys()[i];
    bool known = false;
    for (const char* k : kKnown) known = known || key == k;
    if (!known) r.fail(root.items()[i], key, "unknown field '" + key + "' (expected one of version, truncation, padding, added_tokens, normalizer, pre_tokenizer, model, post_processor, decoder)");
  }
  if (const json::Value* version = root.find("version")) {
    if (!version->is_string() || version->as_string() != "1.0")
      r.fail(*version, "version", "unknown tokenizer version (expected \"1.0\")");
  }
  const json::Value* model_json = root.find("model");
  if (!model_json) r.fail(root, "", "missing field 'model'");
  if (model_json->is_null()) r.fail(*model_json, "model", "expected an object, found null");

  std::unique_ptr<Normalizer> normalizer;
  if (const json::Value* v = r.optional(root, "normalizer")) normalizer = make_normalizer(r, *v, "normalizer");
  std::unique_ptr<PreTokenizer> pre_tokenizer;
  if (const json::Value* v = r.optional(root, "pre_tokenizer")) pre_tokenizer = make_pre_tokenizer(r, *v, "pre_tokenizer");
  std::unique_ptr<Model> model = make_model(r, *model_json, "model");
  std::unique_ptr<PostProcessor> post_processor;
  if (const json::Value* v = r.optional(root, "post_processor")) post_processor = make_post_processor(r, *v, "post_processor");
  std::unique_ptr<Decoder> decoder;
  if (const json::Value* v = r.optional(root, "decoder")) decoder = make_decoder(r, *v, "decoder");
  std::optional<Truncation> truncation;
  if (const json::Value* v = r.optional(root, "truncation")) truncation = read_truncation(r, *v);
  std::optional<Padding> padding;
  if (const json::Value* v = r.optional(root, "padding")) padding = read_padding(r, *v);
  std::vector<AddedToken> added;
  if (const json::Value* v = root.find("added_tokens")) added = read_added_tokens(r, *v);

  auto tokenizer = std::make_shared<PipelineTokenizer>(std::move(normalizer), std::move(pre_tokenizer), std::move(model),
                                                       std::move(post_processor), std::move(added), std::move(decoder));
  tokenizer->set_file_options(std::move(truncation), std::move(padding));
  return tokenizer;
}

std::shared_ptr<const Tokenizer> Tokenizer::from_file(const std::string& path) {
  auto file = io::MappedFile::open(path);
  return from_json(file->text(), path);
}

}  // namespace embedkit::tok
