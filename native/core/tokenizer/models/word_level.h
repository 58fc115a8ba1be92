// {"type":"WordLevel","vocab","unk_token"}: the whole word is one token, or the unknown token.
#pragma once
#include <string>

#include "tokenizer/models/model.h"
#include "tokenizer/models/vocab.h"

namespace embedkit::tok {

class WordLevel final : public Model {
 public:
  WordLevel(Vocab vocab, std::string unk_token)
      : vocab_(std::move(vocab)), unk_token_(std::move(unk_token)), unk_id_(vocab_.id(unk_token_)) {}

  void tokenize_ids(std::string_view word, std::vector<uint32_t>& ids) const override { ids.push_back(lookup(word)); }
  void tokenize(std::string_view word, std::vector<WordToken>& tokens) const override {
    tokens.push_back({lookup(word), 0, static_cast<uint32_t>(word.size())});
  }
  std::optional<uint32_t> token_to_id(std::string_view token) const override { return vocab_.id(token); }
  std::optional<std::string_view> id_to_token(uint32_t id) const override { return vocab_.token(id); }
  size_t vocab_size() const override { return vocab_.size(); }
  std::optional<uint32_t> unk_id() const override { return unk_id_; }
  std::vector<std::pair<std::string, uint32_t>> vocabulary() const override { return vocab_.entries(); }

 private:
  uint32_t lookup(std::string_view word) const;

  Vocab vocab_;
  std::string unk_token_;
  std::optional<uint32_t> unk_id_;
};

}  // namespace embedkit::tok
