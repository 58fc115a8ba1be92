// The concrete Tokenizer: added tokens -> normalizer -> pre-tokenizer -> model -> post-processor, as
// HF's encode runs them (tokenizer/mod.rs). encode_ids is the hot path: it tracks no offsets, builds no
// token strings and, once its thread-local buffers have grown, allocates nothing.
#pragma once
#include <memory>

#include "tokenizer/added_vocabulary.h"
#include "tokenizer/decoders/decoder.h"
#include "tokenizer/models/model.h"
#include "tokenizer/normalizers/normalizer.h"
#include "tokenizer/pre_tokenizers/pre_tokenizer.h"
#include "tokenizer/processors/post_processor.h"
#include "tokenizer/tokenizer.h"

namespace embedkit::tok {

class BertNormalizer;
class WordPiece;
struct FlatEncodings;

class PipelineTokenizer final : public Tokenizer {
 public:
  PipelineTokenizer(std::unique_ptr<Normalizer> normalizer, std::unique_ptr<PreTokenizer> pre_tokenizer,
                    std::unique_ptr<Model> model, std::unique_ptr<PostProcessor> post_processor,
                    std::vector<AddedToken> added_tokens, std::unique_ptr<Decoder> decoder = nullptr);

  Encoding encode(std::string_view text, bool add_special_tokens) const override;
  Encoding encode_pair(std::string_view first, std::optional<std::string_view> second,
                       const EncodeOptions& options) const override;
  size_t num_special_tokens_to_add(bool pair) const override { return post_processor_ ? post_processor_->added_tokens(pair) : 0; }
  const std::optional<Truncation>& file_truncation() const override { return truncation_; }
  const std::optional<Padding>& file_padding() const override { return padding_; }
  void set_file_options(std::optional<Truncation> truncation, std::optional<Padding> padding) {
    truncation_ = std::move(truncation);
    padding_ = std::move(padding);
  }
  void encode_ids(std::string_view text, bool add_special_tokens, std::vector<uint32_t>& out,
                  size_t max_ids = static_cast<size_t>(-1)) const override;

  std::string decode(const std::vector<uint32_t>& ids, bool skip_special_tokens) const override;
  std::optional<uint32_t> token_to_id(std::string_view token) const override;
  std::optional<std::string> id_to_token(uint32_t id) const override;
  size_t vocab_size(bool with_added_tokens) const override;
  std::optional<uint32_t> unk_id() const override { return model_->unk_id(); }
  std::vector<std::pair<std::string, uint32_t>> vocabulary(bool with_added_tokens) const override;

  // The fused full-encoding path (BertNormalizer + BertPreTokenizer + WordPiece, TemplateProcessing or no
  // post-processor): appends the one-sequence encoding of `text` to `out`, exactly what
  // encode_pair(text, nullopt, options) gives, without building a tok::Encoding. Returns false, with
  // `out` untouched, where it does not apply: another pipeline, or a text that truncation would cut.
  bool encode_fused(std::string_view text, const EncodeOptions& options, FlatEncodings& out) const;

  // For callers that run their own loop over ASCII words and call encode_ids per word (the static
  // model's word cache): the fused path's normalizer and WordPiece (null when encode_ids does not take
  // that path), and the added tokens that can split a text.
  const BertNormalizer* bert_ascii_normalizer() const noexcept { return bert_wordpiece_ ? bert_normalizer_ : nullptr; }
  const WordPiece* bert_ascii_wordpiece() const noexcept { return bert_wordpiece_; }
  const AddedVocabulary& added_vocabulary() const noexcept { return added_; }

 private:
  struct FusedRun;  // one text's state on the fused path (pipeline_fused.cpp)
  // ASCII bytes of a gap between raw added tokens in one pass (the scan of bert_ascii_scan.h, shared
  // with ids_gap_bert_ascii); a word with a non-ASCII byte (or a very long one) goes, up to the next
  // ASCII whitespace, through fused_general. `base`: the gap's byte offset.
  void fused_gap(std::string_view gap, size_t base, FusedRun& run) const;
  // Normalizer, pre-tokenizer and model with alignments, for one such chunk.
  void fused_general(std::string_view chunk, size_t base, FusedRun& run) const;
  // Finds the post-processor's fixed layout and the token strings' table (constructor).
  void build_fused();

  template <class Sink>
  void run(std::string_view text, Sink& sink) const;
  // The general ids-only path for one gap between raw added tokens (normalize, pre-tokenize, model).
  void ids_gap_general(std::string_view gap, std::vector<uint32_t>& ids, size_t max_ids) const;
  // BertNormalizer + BertPreTokenizer + WordPiece fused over ASCII bytes (ids only, the scan of
  // bert_ascii_scan.h); a word with a non-ASCII byte goes, up to the next ASCII whitespace, through
  // ids_gap_general.
  void ids_gap_bert_ascii(std::string_view gap, std::vector<uint32_t>& ids, size_t max_ids) const;
  // One sequence before post-processing: char offsets, every type id `type_id`. With `limit`, HF 0.23's
  // early exit: only the pre-tokens needed for limit->max_length ids on limit->side are kept.
  Encoding encode_sequence(std::string_view text, uint32_t type_id, const Truncation* limit) const;

  std::unique_ptr<Normalizer> normalizer_;
  std::unique_ptr<PreTokenizer> pre_tokenizer_;
  std::unique_ptr<Model> model_;
  std::unique_ptr<PostProcessor> post_processor_;
  AddedVocabulary added_;
  std::unique_ptr<Decoder> decoder_;
  std::optional<Truncation> truncation_;
  std::optional<Padding> padding_;
  // Set when the pipeline is exactly BertNormalizer + BertPreTokenizer + WordPiece with no normalized
  // added tokens: encode_ids then takes ids_gap_bert_ascii.
  const BertNormalizer* bert_normalizer_ = nullptr;
  const WordPiece* bert_wordpiece_ = nullptr;

  // The fused full path. What the post-processor puts around one sequence (probed once: it must not
  // depend on the sequence's content, which holds for TemplateProcessing), for add_special false / true.
  struct FixedToken {
    uint32_t id, type_id, start, end;
    std::string token;
    uint32_t utf16;
    uint8_t special;
  };
  struct FusedLayout {
    bool ok = false;
    uint32_t type_id = 0;  // of the sequence's tokens
    std::vector<FixedToken> prefix, suffix;
  };
  FusedLayout fused_[2];
  // Model token strings by id, joined: no lookup through the vocabulary and no std::string per token.
  struct TokenText {
    uint32_t offset = 0;
    uint32_t length = 0;
    uint32_t utf16 = 0;
  };
  std::vector<TokenText> token_text_;
  std::string token_bytes_;
};

}  // namespace embedkit::tok
