// Post-processors: add special tokens around the encoded sequences and set type ids, as HF's
// PostProcessor trait: process_encodings rewrites the sequences' encodings (one or two, type ids 0 and
// 1 as encode made them) into a list of parts, which merge_encodings then joins (HF Encoding::merge,
// overflow windows included). BertProcessing is TemplateProcessing with a fixed template (identical
// results, overflow windows included); RobertaProcessing has its own class (its type ids differ).
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
  // HF process_encodings: `encodings` (the first sequence, then the second if any) becomes the parts to merge.
  virtual void process_encodings(std::vector<Encoding>& encodings, bool add_special_tokens) const = 0;
  // Rewrites a one-sequence encoding (process_encodings, then merge; a processor may do it directly).
  virtual void process(Encoding& encoding, bool add_special_tokens) const;
  // HF process: one or two sequences into one encoding.
  Encoding process(std::vector<Encoding> encodings, bool add_special_tokens) const;
  // The same for ids only: ids[begin, end) is the sequence.
  virtual void process_ids(std::vector<uint32_t>& ids, size_t begin, bool add_special_tokens) const = 0;
};

// HF Encoding::merge(parts, growing_offsets = false): fields concatenated in order; overflow windows
// combined as HF does (each window of one part with the rest, and their cross product).
Encoding merge_encodings(std::vector<Encoding>&& parts);

std::unique_ptr<PostProcessor> make_post_processor(const JsonReader& reader, const json::Value& value,
                                                   const std::string& path);

}  // namespace embedkit::tok
