// Post-processors: add special tokens around the encoded sequence and set type ids.
// BertProcessing and RobertaProcessing are TemplateProcessing with fixed templates (for one sequence
// they are exactly that; for pairs only the counts are needed here, as encode takes one sequence).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/json.h"
#include "tokenizer/json_reader.h"
#include "tokenizer/tokenizer.h"

namespace embedkit::tok {

class PostProcessor {
 public:
  virtual ~PostProcessor() = default;
  // Tokens it adds with add_special_tokens (HF added_tokens(is_pair)).
  virtual size_t added_tokens(bool pair) const = 0;
  // Rewrites a one-sequence encoding.
  virtual void process(Encoding& encoding, bool add_special_tokens) const = 0;
  // The same for ids only: ids[begin, end) is the sequence.
  virtual void process_ids(std::vector<uint32_t>& ids, size_t begin, bool add_special_tokens) const = 0;
};

std::unique_ptr<PostProcessor> make_post_processor(const JsonReader& reader, const json::Value& value,
                                                   const std::string& path);

}  // namespace embedkit::tok
