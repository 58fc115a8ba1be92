// The "added_tokens" of a tokenizer.json and how HF finds them in text: tokens with normalized=false
// are matched on the raw input, the others on each normalized piece between those matches; both
// leftmost-longest, non-overlapping, with single_word / lstrip / rstrip applied to each match.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tokenizer/byte_trie.h"

namespace embedkit::tok {

class Model;
class Normalizer;

struct AddedToken {
  std::string content;
  bool single_word = false;
  bool lstrip = false;
  bool rstrip = false;
  bool normalized = false;
  bool special = false;
};

class AddedVocabulary {
 public:
  // Registers tokens in file order as HF does: the id is the existing added id, else the model's id for
  // the content, else the next free id (from the model's vocabulary size); JSON ids are ignored.
  // Normalized tokens are then run through `normalizer` (may be null) to build the second matcher.
  void build(const std::vector<AddedToken>& tokens, const Model& model, const Normalizer* normalizer);

  bool empty() const noexcept { return by_id_.empty(); }
  bool has_raw() const noexcept { return !raw_.trie.empty(); }
  bool has_normalized() const noexcept { return !normalized_.trie.empty(); }
  // Can a raw (normalized == false) pattern start with byte `b`?
  bool raw_may_start_with(uint8_t b) const noexcept { return raw_.first_byte[b]; }

  struct Match {
    uint32_t begin, end;  // byte range in the searched text, strips included
    uint32_t id;
  };
  // Appends the matches in `s` of the raw (normalized == false) or normalized token set.
  void find(std::string_view s, bool normalized_set, std::vector<Match>& out) const;

  std::optional<uint32_t> token_to_id(std::string_view content) const;
  std::optional<std::string_view> id_to_token(uint32_t id) const;
  // Is `content` in the special set (every special entry's content, never removed)?
  bool is_special(std::string_view content) const { return specials_.count(std::string(content)) != 0; }
  size_t size() const noexcept { return by_id_.size(); }
  std::vector<std::pair<std::string, uint32_t>> entries() const;

 private:
  struct Matcher {
    ByteTrie trie;                  // pattern -> index into tokens
    bool first_byte[256] = {};      // can a pattern start with this byte?
    int only_first = -1;            // the one byte every pattern starts with ('[' for BERT), else -1
    std::vector<uint32_t> ids;      // per pattern
    std::vector<const AddedToken*> tokens;
  };
  void find_with(const Matcher& m, std::string_view s, std::vector<Match>& out) const;

  std::unordered_map<std::string, uint32_t> by_content_;
  std::unordered_set<std::string> specials_;
  std::unordered_map<uint32_t, AddedToken> by_id_;
  std::vector<std::string> patterns_;  // owns the strings the tries were built from
  Matcher raw_;
  Matcher normalized_;
};

}  // namespace embedkit::tok
