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
  // Ids only, appended to `out`: the hot path for static models (no token strings, no offsets).
  virtual void encode_ids(std::string_view text, bool add_special_tokens, std::vector<uint32_t>& out) const = 0;

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
