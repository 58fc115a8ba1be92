// Token ids for the static model through a per-thread cache of word -> ids, for BERT-shaped tokenizers
// (BertNormalizer + BertPreTokenizer + WordPiece, the tokenizer's fused ASCII path).
//
// Why: on short texts the tokenizer's whole-word hash lookup (a cache miss into a 1.5 MB table per word,
// then a second one into the key bytes) and the trie walks for multi-piece words were half the encode
// time. Real text is Zipfian, so a small cache that fits in L2 and holds the words actually seen (with
// all their pieces, up to 7) answers most words with one 64-byte line and one vector compare.
//
// Exactness: for ASCII, BertNormalizer is char-local and BertPreTokenizer splits at whitespace and
// punctuation, so a text's ids are the concatenation of each word's ids, and a word's ids depend on the
// word alone. A cache miss asks the tokenizer itself (encode_ids on that word). Anything outside plain
// [0-9A-Za-z] runs (control chars, non-ASCII, words of 32+ bytes) goes to the tokenizer on the span up to
// the next ASCII whitespace, which is where the tokenizer's own fused path has a clean split. A text
// in which a raw added token matches ([CLS] and the like) is left to the caller.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "tokenizer/added_vocabulary.h"
#include "tokenizer/tokenizer.h"

namespace embedkit::tok {
class WordPiece;
}

namespace embedkit::static_model {

class WordCacheIds {
 public:
  // Null when the tokenizer is not the fused BERT kind, or its added tokens could match inside words.
  static std::unique_ptr<const WordCacheIds> create(std::shared_ptr<const tok::Tokenizer> tokenizer);

  // Appends the ids of `text` (no special tokens), stopping at a word boundary once `max_ids` ids are
  // in `ids` (as the tokenizer's encode_ids does). Returns false, appending nothing, when a raw added
  // token occurs in the text; the caller then uses the tokenizer.
  bool encode_ids(std::string_view text, size_t max_ids, std::vector<uint32_t>& ids) const;

  WordCacheIds(std::shared_ptr<const tok::Tokenizer> tokenizer, bool lowercase);

 private:
  enum ByteClass : uint8_t { kWord = 0, kSpace = 1, kPunct = 2, kOther = 3 };
  std::shared_ptr<const tok::Tokenizer> tokenizer_;
  bool lowercase_;
  uint64_t serial_;  // tells this model's thread caches from another's
  uint8_t byte_class_[256];
  uint8_t punct_count_[128] = {};
  uint32_t punct_ids_[128][2] = {};
  std::vector<uint8_t> added_first_;  // bytes a raw added token can start with
  const tok::AddedVocabulary* added_ = nullptr;  // owned by tokenizer_
  const tok::WordPiece* wordpiece_ = nullptr;      // owned by tokenizer_
};

}  // namespace embedkit::static_model
