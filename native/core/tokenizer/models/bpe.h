// {"type":"BPE", vocab, merges, unk_token, continuing_subword_prefix, end_of_word_suffix, fuse_unk,
//  byte_fallback, ignore_merges, dropout}: HF models/bpe (model.rs, word.rs) step for step.
// A word is split into chars (prefix on all but the first, suffix on the last); a char missing from the
// vocabulary becomes its <0xHH> byte tokens (byte_fallback, all or nothing), else the unknown token
// (pending, fused with a following unknown when fuse_unk; emitted before the next known char, so after
// any byte tokens in between), else it is dropped (unk_token null). Then merges apply lowest rank first,
// leftmost on ties. Token ranges are running sums of each symbol's length, as HF computes offsets.
// dropout is read and ignored: inference is deterministic (HF with dropout > 0 samples; p = 1.0 is
// "no merges", which is refused rather than approximated).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tokenizer/models/bpe_tables.h"
#include "tokenizer/models/model.h"
#include "tokenizer/models/vocab.h"

namespace embedkit::tok {

struct BpeOptions {
  std::optional<std::string> unk_token;
  std::string prefix;  // continuing_subword_prefix ("" when null)
  std::string suffix;  // end_of_word_suffix
  bool fuse_unk = false;
  bool byte_fallback = false;
  bool ignore_merges = false;
  bool no_merges = false;  // dropout 1.0
};

class Bpe final : public Model {
 public:
  // merges: (left, right) token strings in rank order. Throws Error(Format) naming `path` when a merge
  // uses a token the vocabulary lacks.
  Bpe(Vocab vocab, const std::vector<std::pair<std::string, std::string>>& merges, BpeOptions options,
      const std::string& path);

  void tokenize_ids(std::string_view word, std::vector<uint32_t>& ids) const override;
  void tokenize(std::string_view word, std::vector<WordToken>& tokens) const override;
  std::optional<uint32_t> token_to_id(std::string_view token) const override { return vocab_.id(token); }
  std::optional<std::string_view> id_to_token(uint32_t id) const override { return vocab_.token(id); }
  size_t vocab_size() const override { return vocab_.size(); }
  std::optional<uint32_t> unk_id() const override;
  std::vector<std::pair<std::string, uint32_t>> vocabulary() const override { return vocab_.entries(); }

 private:
  struct Symbol {
    uint32_t id;
    uint32_t len;  // bytes of the word it stands for (a byte-fallback token counts 1)
    int32_t prev, next;
  };
  // `s`: scratch for a char spelled with prefix or suffix.
  void split_word(std::string_view word, std::vector<Symbol>& symbols, std::string& s) const;
  void merge(std::vector<Symbol>& symbols) const;
  void merge_with_heap(std::vector<Symbol>& symbols) const;
  bool lookup_merge(uint32_t a, uint32_t b, uint32_t& rank, uint32_t& id) const { return merges_.find(a, b, rank, id); }
  std::optional<uint32_t> find_id(std::string_view token) const {
    const uint32_t id = ids_.find(token);
    return id == bpe_tables::StringIds::kNone ? std::nullopt : std::optional<uint32_t>(id);
  }
  // The symbols of `word` after merging (merged-away symbols dropped), from the per-thread word
  // cache when it holds them.
  const std::vector<Symbol>& word_symbols(std::string_view word) const;

  Vocab vocab_;
  BpeOptions options_;
  bpe_tables::StringIds ids_;      // the vocabulary again, as a flat table: the hot lookups
  bpe_tables::PairRanks merges_;   // (a, b) -> (rank, new id)
  // Without prefix and suffix, the id of each one- and two-byte UTF-8 char (code point < 0x800), or
  // kNone: byte-level alphabets live there, so splitting a word into chars needs no hashing.
  std::vector<uint32_t> char_ids_;
  uint64_t serial_;  // tells this model's entries apart in the per-thread word cache
  uint32_t byte_ids_[256];
  bool has_byte_[256];
};

}  // namespace embedkit::tok
