#include "tokenizer/models/model.h"

#include "tokenizer/models/word_level.h"
#include "tokenizer/models/wordpiece.h"

namespace embedkit::tok {

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
  r.unsupported("model", type.empty() ? "(none)" : type, path);
}

}  // namespace embedkit::tok
