// {"type":"WordPiece","unk_token","continuing_subword_prefix","max_input_chars_per_word","vocab"}:
// greedy longest-match-first over two double-array tries (word-initial pieces, and continuation pieces
// keyed without their prefix), so no candidate string is ever built. A word longer than
// max_input_chars_per_word chars, or one with any position no piece matches, becomes the unknown token.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "tokenizer/byte_trie.h"
#include "tokenizer/models/model.h"
#include "tokenizer/models/vocab.h"

namespace embedkit::tok {

class WordPiece final : public Model {
 public:
  WordPiece(Vocab vocab, std::string unk_token, std::string prefix, size_t max_chars);

  void tokenize_ids(std::string_view word, std::vector<uint32_t>& ids) const override;
  void tokenize(std::string_view word, std::vector<WordToken>& tokens) const override;
  std::optional<uint32_t> token_to_id(std::string_view token) const override { return vocab_.id(token); }
  std::optional<std::string_view> id_to_token(uint32_t id) const override { return vocab_.token(id); }
  size_t vocab_size() const override { return vocab_.size(); }
  std::optional<uint32_t> unk_id() const override { return unk_id_; }
  std::vector<std::pair<std::string, uint32_t>> vocabulary() const override { return vocab_.entries(); }

 private:
  bool too_long(std::string_view word) const noexcept;
  uint32_t unk() const;  // throws when the vocabulary has no unknown token

  Vocab vocab_;
  std::string unk_token_;
  std::string prefix_;
  size_t max_chars_;
  std::optional<uint32_t> unk_id_;
  ByteTrie initial_;       // every vocabulary entry
  ByteTrie continuation_;  // entries that start with the prefix, keyed without it

  // Whole-word lookup first: most words are one vocabulary entry, and one hash probe plus a compare is
  // cheaper than a trie walk with a dependent load per byte. Greedy longest-match gives the whole word
  // whenever it is an entry, so this never changes an id. Open addressing over entries up to 24 bytes.
  static constexpr size_t kMaxHashed = 24;
  struct Slot {
    uint64_t hash = 0;
    uint32_t offset = 0;  // key bytes in words_
    uint16_t length = 0;  // 0: empty slot
    uint32_t id = 0;
  };
  static uint64_t hash_word(const char* s, size_t n) noexcept;
  bool find_word(const char* s, size_t n, uint32_t& id) const noexcept;
  std::vector<Slot> slots_;
  std::string words_;
  uint64_t mask_ = 0;
};

}  // namespace embedkit::tok
