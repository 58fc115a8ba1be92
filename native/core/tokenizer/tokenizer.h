// The tokenizer engine: a tokenizer.json (Hugging Face tokenizers format) turned into a pipeline of
// normalizer -> pre-tokenizer -> model -> post-processor, plus the added-token vocabulary.
// Thread-safe for concurrent encode calls once built (all state is read-only).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/encode_options.h"

namespace embedkit::tok {

struct Offsets {
  uint32_t start;  // in the same unit as Hugging Face's Node binding reports them
  uint32_t end;
};

struct Encoding {
  std::vector<uint32_t> ids;
  std::vector<uint32_t> type_ids;
  std::vector<std::string> tokens;
  std::vector<Offsets> offsets;
  std::vector<uint8_t> special_tokens_mask;
  std::vector<uint8_t> attention_mask;
  // Windows cut off by truncation (HF getOverflowing()), each post-processed like the main encoding.
  // For a pair where both sequences overflow they are HF's cross product (see encode_pair).
  std::vector<Encoding> overflowing;
};

class Tokenizer {
 public:
  virtual ~Tokenizer() = default;

  // `source` names the file in error messages. Throws Error(Format) for malformed JSON (with position),
  // Error(Unsupported) for a component type the engine does not know (naming it and its JSON path).
  static std::shared_ptr<const Tokenizer> from_json(std::string_view json_text, const std::string& source);
  static std::shared_ptr<const Tokenizer> from_file(const std::string& path);

  // Full encoding with tokens and offsets. `text` must be valid UTF-8.
  virtual Encoding encode(std::string_view text, bool add_special_tokens) const = 0;
  // HF encode(first, second) with HF semantics: each sequence is encoded (type id 0, then 1), truncated
  // (max_length minus the special tokens the post-processor adds, when add_special_tokens), then the
  // post-processor joins them (with no post-processor: concatenated, type ids 0 and 1). Padding is not
  // applied here: use pad_batch (padding.h), with file_padding() for what HF's encode does.
  // With `truncation`, like HF 0.23 the model stops at pre-token boundaries once max_length ids exist
  // (this changes overflow windows only, and the case max_length < special tokens, where HF's unsigned
  // subtraction wraps and nothing is truncated). Error(Argument): text not UTF-8, a truncation HF refuses
  // (OnlySecond without a pair, a sequence too short, stride >= the room left).
  virtual Encoding encode_pair(std::string_view first, std::optional<std::string_view> second,
                               const EncodeOptions& options) const = 0;
  // Special tokens the post-processor adds to one sequence or a pair (HF num_special_tokens_to_add).
  virtual size_t num_special_tokens_to_add(bool pair) const = 0;
  // The file's "truncation" / "padding" objects (nullopt when absent or null).
  virtual const std::optional<Truncation>& file_truncation() const = 0;
  virtual const std::optional<Padding>& file_padding() const = 0;

  // Ids only, appended to `out`: the hot path for static models (no token strings, no offsets).
  // `max_ids`: the caller keeps only that many ids (before special tokens), so the tokenizer may stop at
  // the first word boundary where at least that many have been produced (the rest is then missing).
  virtual void encode_ids(std::string_view text, bool add_special_tokens, std::vector<uint32_t>& out,
                          size_t max_ids = static_cast<size_t>(-1)) const = 0;

  // Text of `ids` (HF decode): unknown ids skipped, special tokens dropped when asked, then the decoder
  // (no decoder: tokens joined with spaces).
  virtual std::string decode(const std::vector<uint32_t>& ids, bool skip_special_tokens) const = 0;

  virtual std::optional<uint32_t> token_to_id(std::string_view token) const = 0;
  virtual std::optional<std::string> id_to_token(uint32_t id) const = 0;
  // Size of the model vocabulary plus added tokens (what HF's getVocabSize(true) reports).
  virtual size_t vocab_size(bool with_added_tokens) const = 0;
  // The model's unknown-token id, if its model defines one (WordPiece/BPE/WordLevel unk_token, Unigram unk_id).
  virtual std::optional<uint32_t> unk_id() const = 0;
  // Every vocabulary entry (model vocab and added tokens) as a (token, id) pair.
  virtual std::vector<std::pair<std::string, uint32_t>> vocabulary(bool with_added_tokens) const = 0;
};

}  // namespace embedkit::tok
