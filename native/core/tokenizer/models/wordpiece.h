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
  // tokenize into `out`, which has room for max(1, word.size()) tokens (each covers at least one byte);
  // returns how many. No allocation: the fused full-encoding path calls it once per word.
  // `word.data()` must have kReadPast readable bytes after the word (the callers' word buffers do), so
  // the whole-word lookup loads 8 bytes at a time without a variable-length copy.
  size_t tokenize_into(std::string_view word, WordToken* out) const;
  // tokenize_ids with the same padding requirement.
  void tokenize_ids_padded(std::string_view word, std::vector<uint32_t>& ids) const;
  static constexpr size_t kReadPast = 8;
  // HF's WordPiece token strings are the matched text: a piece at byte 0 of the word is its bytes, a
  // later one the prefix then its bytes, an unknown word unk_token (so no vocabulary lookup is needed).
  const std::string& continuing_prefix() const noexcept { return prefix_; }
  const std::string& unk_token() const noexcept { return unk_token_; }
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
  // whenever it is an entry, so this never changes an id. Open addressing over entries up to 24 bytes,
  // 16-byte slots (the table for a 30k vocabulary is 1 MiB, mostly cache resident). Keys up to 8 bytes
  // sit in the slot itself, so the common probe is one load and one compare; longer keys are hashed and
  // compared against words_. Single bytes come from a table.
  static constexpr size_t kMaxHashed = 24;
  struct Slot {
    uint64_t key = 0;   // up to 8 bytes: the key, zero-padded; longer: its hash
    uint32_t id = 0;
    uint32_t meta = 0;  // key length in the low 8 bits (0: empty slot), offset in words_ above
  };
  template <bool Padded>
  static uint64_t load_tail(const char* s, size_t n) noexcept;  // n (1..8) bytes, zero-padded
  template <bool Padded>
  static uint64_t slot_key(const char* s, size_t n) noexcept;
  static uint64_t mix(uint64_t key, size_t n) noexcept;
  template <bool Padded>
  bool find_word(const char* s, size_t n, uint32_t& id) const noexcept;
  template <bool Padded>
  size_t tokenize_into_impl(std::string_view word, WordToken* out) const;
  template <bool Padded>
  void tokenize_ids_impl(std::string_view word, std::vector<uint32_t>& ids) const;
  std::vector<Slot> slots_;
  std::string words_;
  int32_t single_[256];  // id of each one-byte word, -1 when not an entry
  uint64_t mask_ = 0;
};

}  // namespace embedkit::tok
