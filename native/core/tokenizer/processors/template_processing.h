// {"type":"TemplateProcessing","single","pair","special_tokens"}, and Bert/RobertaProcessing expressed
// as templates. A Sequence piece inserts the encoding with its type id (even without special tokens);
// a SpecialToken piece inserts all of its ids, only with special tokens.
// RobertaProcessing's trim_offsets is applied to the sequence before the template.
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

  // RobertaProcessing with trim_offsets: offsets of tokens that start or end with whitespace (or the
  // byte-level space 'Ġ') are moved inwards, as HF's byte_level process_offsets does.
  void set_trim_offsets(bool add_prefix_space) {
    trim_offsets_ = true;
    add_prefix_space_ = add_prefix_space;
  }

  size_t added_tokens(bool pair) const override;
  void process(Encoding& encoding, bool add_special_tokens) const override;
  void process_ids(std::vector<uint32_t>& ids, size_t begin, bool add_special_tokens) const override;

 private:
  std::vector<TemplatePiece> single_;
  std::vector<TemplatePiece> pair_;
  bool trim_offsets_ = false;
  bool add_prefix_space_ = false;
};

}  // namespace embedkit::tok
