// {"type":"RobertaProcessing","sep","cls","trim_offsets","add_prefix_space"}: <s> A </s> and, for pairs,
// <s> A </s></s> B </s>, every type id 0. HF roberta.rs, which differs from a template in two ways kept
// here: without special tokens only the main sequences get type id 0 (overflow windows keep 0 / 1), and
// with special tokens every overflow window gets its own <s> ... </s> with type ids 0.
#pragma once
#include "tokenizer/processors/template_processing.h"

namespace embedkit::tok {

class RobertaProcessing final : public PostProcessor {
 public:
  RobertaProcessing(TemplatePiece cls, TemplatePiece sep, bool trim_offsets, bool add_prefix_space)
      : cls_(std::move(cls)), sep_(std::move(sep)), trim_(trim_offsets), add_prefix_space_(add_prefix_space) {}
  size_t added_tokens(bool pair) const override { return pair ? 4 : 2; }
  void process_encodings(std::vector<Encoding>& encodings, bool add_special_tokens) const override;
  void process_ids(std::vector<uint32_t>& ids, size_t begin, bool add_special_tokens) const override;

 private:
  Encoding wrap(Encoding&& e, const TemplatePiece& before) const;

  TemplatePiece cls_, sep_;
  bool trim_, add_prefix_space_;
};

}  // namespace embedkit::tok
