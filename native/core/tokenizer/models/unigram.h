// {"type":"Unigram","unk_id","vocab":[[piece,score],...],"byte_fallback"}: HF models/unigram
// (encode_optimized). Viterbi over byte positions, visiting char starts left to right and, at each,
// every vocabulary piece that starts there (shortest first, through a byte trie holding every piece);
// a node is replaced only by a strictly better score, so on ties the path whose last piece starts
// earliest wins. A char no piece covers alone may be the unknown piece, scored min(scores) - 10.
// Adjacent unknown pieces are fused into one string; a string the vocabulary lacks becomes its <0xHH>
// byte pieces (byte_fallback, all or nothing, each spanning the whole string) or the unknown id, and
// its token text is the text itself, as in HF.
#pragma once
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tokenizer/byte_trie.h"
#include "tokenizer/models/model.h"

namespace embedkit::tok {

class Unigram final : public Model {
 public:
  Unigram(std::vector<std::pair<std::string, double>> vocab, std::optional<uint32_t> unk_id, bool byte_fallback);

  void tokenize_ids(std::string_view word, std::vector<uint32_t>& ids) const override;
  void tokenize(std::string_view word, std::vector<WordToken>& tokens) const override;
  std::optional<uint32_t> token_to_id(std::string_view token) const override;
  std::optional<std::string_view> id_to_token(uint32_t id) const override;
  size_t vocab_size() const override { return pieces_.size(); }
  std::optional<uint32_t> unk_id() const override { return unk_id_; }
  std::vector<std::pair<std::string, uint32_t>> vocabulary() const override;

 private:
  // Pieces of the best path as byte ranges of `word`, unknown runs fused (is_unk set).
  struct Span {
    uint32_t start, end;
    bool fused_unk;
  };
  void best_path(std::string_view word, std::vector<Span>& out) const;
  template <class Emit>
  void emit(std::string_view word, const std::vector<Span>& spans, Emit&& emit) const;

  std::vector<std::pair<std::string, double>> pieces_;
  std::unordered_map<std::string_view, uint32_t> ids_;  // last index of a repeated piece
  ByteTrie trie_;
  std::optional<uint32_t> unk_id_;
  bool byte_fallback_;
  double unk_score_ = 0;
  uint32_t byte_ids_[256];
  bool has_byte_[256];
};

}  // namespace embedkit::tok
