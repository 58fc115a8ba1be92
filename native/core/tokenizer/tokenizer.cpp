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

}  // namespace

std::shared_ptr<const Tokenizer> Tokenizer::from_json(std::string_view json_text, const std::string& source) {
  const json::Value root = json::parse(json_text, source);
  const JsonReader r(json_text, source);
  r.expect(root, json::Type::Object, "");

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
  // truncation and padding: read by issue 3; until then accepted and ignored.
  for (const char* key : {"truncation", "padding"}) {
    if (const json::Value* v = r.optional(root, key)) r.expect(*v, json::Type::Object, key);
  }
  std::vector<AddedToken> added;
  if (const json::Value* v = root.find("added_tokens")) added = read_added_tokens(r, *v);

  return std::make_shared<PipelineTokenizer>(std::move(normalizer), std::move(pre_tokenizer), std::move(model),
                                             std::move(post_processor), std::move(added), std::move(decoder));
}

std::shared_ptr<const Tokenizer> Tokenizer::from_file(const std::string& path) {
  auto file = io::MappedFile::open(path);
  return from_json(file->text(), path);
}

}  // namespace embedkit::tok
