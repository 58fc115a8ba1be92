// Models: turn one pre-tokenized word into token ids.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/json.h"
#include "tokenizer/json_reader.h"

namespace embedkit::tok {

// A token of one word: its id and the byte range [start, end) of the word it covers.
struct WordToken {
  uint32_t id;
  uint32_t start;
  uint32_t end;
  bool literal = false;  // its token string is the covered text, not the vocabulary's (Unigram unknown)
};

class Model {
 public:
  virtual ~Model() = default;
  // Appends the ids of `word` (never empty) to `ids`. The hot path: no allocation.
  virtual void tokenize_ids(std::string_view word, std::vector<uint32_t>& ids) const = 0;
  // Appends the tokens of `word` with their byte ranges in it.
  virtual void tokenize(std::string_view word, std::vector<WordToken>& tokens) const = 0;

  virtual std::optional<uint32_t> token_to_id(std::string_view token) const = 0;
  virtual std::optional<std::string_view> id_to_token(uint32_t id) const = 0;
  // Number of vocabulary entries (HF's get_vocab_size; not max id + 1).
  virtual size_t vocab_size() const = 0;
  virtual std::optional<uint32_t> unk_id() const = 0;
  virtual std::vector<std::pair<std::string, uint32_t>> vocabulary() const = 0;
};

std::unique_ptr<Model> make_model(const JsonReader& reader, const json::Value& value, const std::string& path);

}  // namespace embedkit::tok
