// {"type":"TemplateProcessing","single","pair","special_tokens"}, and Bert/RobertaProcessing expressed
// as templates. A Sequence piece inserts the encoding with its type id (even without special tokens);
// a SpecialToken piece inserts all of its ids, only with special tokens. As in HF, the type id of a
// Sequence piece is set on the sequence only, not on its overflow windows (they keep 0 / 1 from encode).
#pragma once
#include <string>
#include <vector>

#include "tokenizer/processors/post_processor.h"

namespace embedkit::tok {

struct TemplatePiece {
  bool is_sequence = false;
  uint32_t sequence = 0;  // 0 for $A, 1 for $B
  uint32_t type_id = 0;
  std::vector<uint32_t> ids;         // a special token's ids
  std::vector<std::string> tokens;   // and strings
};

class TemplateProcessing final : public PostProcessor {
 public:
  TemplateProcessing(std::vector<TemplatePiece> single, std::vector<TemplatePiece> pair)
      : single_(std::move(single)), pair_(std::move(pair)) {}

  size_t added_tokens(bool pair) const override;
  void process_encodings(std::vector<Encoding>& encodings, bool add_special_tokens) const override;
  // One sequence without overflow windows in one pass (the common case); otherwise the general path.
  void process(Encoding& encoding, bool add_special_tokens) const override;
  void process_ids(std::vector<uint32_t>& ids, size_t begin, bool add_special_tokens) const override;

 private:
  std::vector<TemplatePiece> single_;
  std::vector<TemplatePiece> pair_;
};

// The encoding of a SpecialToken piece: its ids with `type_id`, offsets (0, 0), special-mask 1.
Encoding special_encoding(const TemplatePiece& piece, uint32_t type_id);

}  // namespace embedkit::tok
