#include "tokenizer/processors/post_processor.h"

#include <map>

#include "tokenizer/processors/byte_level_processor.h"
#include "tokenizer/processors/roberta_processing.h"
#include "tokenizer/processors/sequence_processor.h"
#include "tokenizer/processors/template_processing.h"

namespace embedkit::tok {

namespace {

// ["[SEP]", 102]
TemplatePiece special_pair(const JsonReader& r, const json::Value& v, const std::string& path, uint32_t type_id) {
  r.expect(v, json::Type::Array, path);
  if (v.size() != 2 || !v.items()[0].is_string()) r.fail(v, path, "expected [token, id]");
  TemplatePiece p;
  p.type_id = type_id;
  p.tokens.push_back(v.items()[0].as_string());
  const uint64_t id = r.as_uint(v.items()[1], JsonReader::index(path, 1));
  p.ids.push_back(static_cast<uint32_t>(id));
  return p;
}

TemplatePiece sequence_piece(uint32_t which, uint32_t type_id) {
  TemplatePiece p;
  p.is_sequence = true;
  p.sequence = which;
  p.type_id = type_id;
  return p;
}

std::vector<TemplatePiece> parse_template(const JsonReader& r, const json::Value& list, const std::string& path,
                                          const json::Value& specials, const std::string& specials_path) {
  r.expect(list, json::Type::Array, path);
  std::vector<TemplatePiece> out;
  for (size_t i = 0; i < list.size(); i++) {
    const json::Value& item = list.items()[i];
    const std::string item_path = JsonReader::index(path, i);
    r.expect(item, json::Type::Object, item_path);
    if (const json::Value* seq = item.find("Sequence")) {
      const std::string p = JsonReader::join(item_path, "Sequence");
      r.expect(*seq, json::Type::Object, p);
      const std::string id = r.get_string(*seq, "id", p);
      if (id != "A" && id != "B") r.fail(r.required(*seq, "id", p), JsonReader::join(p, "id"), "expected \"A\" or \"B\"");
      out.push_back(sequence_piece(id == "A" ? 0 : 1, static_cast<uint32_t>(r.get_uint(*seq, "type_id", p))));
    } else if (const json::Value* sp = item.find("SpecialToken")) {
      const std::string p = JsonReader::join(item_path, "SpecialToken");
      r.expect(*sp, json::Type::Object, p);
      const std::string id = r.get_string(*sp, "id", p);
      TemplatePiece piece;
      piece.type_id = static_cast<uint32_t>(r.get_uint(*sp, "type_id", p));
      const json::Value* def = specials.find(id);
      // HF checks this only at encode time (and panics); refusing the file is kinder.
      if (!def) r.fail(*sp, p, "special token '" + id + "' is not in " + specials_path);
      const std::string def_path = JsonReader::join(specials_path, id);
      r.expect(*def, json::Type::Object, def_path);
      const json::Value& ids = r.required(*def, "ids", def_path);
      r.expect(ids, json::Type::Array, JsonReader::join(def_path, "ids"));
      for (size_t k = 0; k < ids.size(); k++)
        piece.ids.push_back(static_cast<uint32_t>(r.as_uint(ids.items()[k], JsonReader::index(JsonReader::join(def_path, "ids"), k))));
      const json::Value& tokens = r.required(*def, "tokens", def_path);
      r.expect(tokens, json::Type::Array, JsonReader::join(def_path, "tokens"));
      for (size_t k = 0; k < tokens.size(); k++) {
        r.expect(tokens.items()[k], json::Type::String, JsonReader::index(JsonReader::join(def_path, "tokens"), k));
        piece.tokens.push_back(tokens.items()[k].as_string());
      }
      if (piece.tokens.size() != piece.ids.size()) r.fail(*def, def_path, "ids and tokens differ in length");
      out.push_back(std::move(piece));
    } else {
      r.fail(item, item_path, "expected a Sequence or SpecialToken piece");
    }
  }
  return out;
}

}  // namespace

std::unique_ptr<PostProcessor> make_post_processor(const JsonReader& r, const json::Value& v, const std::string& path) {
  std::string type = r.type_of(v, path);
  if (type.empty()) {
    // HF's untagged order: Roberta, Bert, ByteLevel, Template, Sequence.
    if (v.find("sep") && v.find("cls") && v.find("trim_offsets") && v.find("add_prefix_space")) type = "RobertaProcessing";
    else if (v.find("sep") && v.find("cls")) type = "BertProcessing";
    else if (v.find("trim_offsets")) type = "ByteLevel";
    else if (v.find("single") && v.find("pair") && v.find("special_tokens")) type = "TemplateProcessing";
    else if (v.find("processors")) type = "Sequence";
  }
  if (type == "BertProcessing" || type == "RobertaProcessing") {
    const TemplatePiece sep0 = special_pair(r, r.required(v, "sep", path), JsonReader::join(path, "sep"), 0);
    const TemplatePiece cls0 = special_pair(r, r.required(v, "cls", path), JsonReader::join(path, "cls"), 0);
    if (type == "RobertaProcessing") {
      const bool trim = r.get_bool(v, "trim_offsets", path);
      const bool add_prefix_space = r.get_bool(v, "add_prefix_space", path);
      return std::make_unique<RobertaProcessing>(cls0, sep0, trim, add_prefix_space);
    }
    std::vector<TemplatePiece> single{cls0, sequence_piece(0, 0), sep0};
    TemplatePiece sep1 = sep0;
    sep1.type_id = 1;
    std::vector<TemplatePiece> pair{cls0, sequence_piece(0, 0), sep0, sequence_piece(1, 1), sep1};
    return std::make_unique<TemplateProcessing>(std::move(single), std::move(pair));
  }
  if (type == "TemplateProcessing") {
    const json::Value& specials = r.required(v, "special_tokens", path);
    const std::string specials_path = JsonReader::join(path, "special_tokens");
    r.expect(specials, json::Type::Object, specials_path);
    auto single = parse_template(r, r.required(v, "single", path), JsonReader::join(path, "single"), specials, specials_path);
    auto pair = parse_template(r, r.required(v, "pair", path), JsonReader::join(path, "pair"), specials, specials_path);
    return std::make_unique<TemplateProcessing>(std::move(single), std::move(pair));
  }
  if (type == "ByteLevel") {
    const bool add_prefix_space = r.get_bool(v, "add_prefix_space", path);
    return std::make_unique<ByteLevelProcessor>(add_prefix_space, r.get_bool(v, "trim_offsets", path));
  }
  if (type == "Sequence") {
    const std::string list_path = JsonReader::join(path, "processors");
    const json::Value& list = r.required(v, "processors", path);
    r.expect(list, json::Type::Array, list_path);
    std::vector<std::unique_ptr<PostProcessor>> parts;
    for (size_t i = 0; i < list.size(); i++) parts.push_back(make_post_processor(r, list.items()[i], JsonReader::index(list_path, i)));
    return std::make_unique<SequenceProcessor>(std::move(parts));
  }
  r.unsupported("post-processor", type.empty() ? "(none)" : type, path);
}

}  // namespace embedkit::tok
