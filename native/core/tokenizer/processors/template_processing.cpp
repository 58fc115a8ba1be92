#include "tokenizer/processors/template_processing.h"

#include <algorithm>

#include "tokenizer/processors/trim_offsets.h"

namespace embedkit::tok {

size_t TemplateProcessing::added_tokens(bool pair) const {
  size_t n = 0;
  for (const TemplatePiece& p : pair ? pair_ : single_)
    if (!p.is_sequence) n += p.ids.size();
  return n;
}


void TemplateProcessing::process(Encoding& enc, bool add_special) const {
  if (trim_offsets_) trim_byte_level_offsets(enc, add_prefix_space_);
  Encoding out;
  const size_t extra = add_special ? added_tokens(false) : 0;
  const size_t total = enc.ids.size() + extra;
  out.ids.reserve(total);
  out.type_ids.reserve(total);
  out.tokens.reserve(total);
  out.offsets.reserve(total);
  out.special_tokens_mask.reserve(total);
  out.attention_mask.reserve(total);
  for (const TemplatePiece& p : single_) {
    if (p.is_sequence) {
      if (p.sequence != 0) continue;  // $B has no sequence in a single encoding
      for (size_t i = 0; i < enc.ids.size(); i++) {
        out.ids.push_back(enc.ids[i]);
        out.type_ids.push_back(p.type_id);
        out.tokens.push_back(std::move(enc.tokens[i]));
        out.offsets.push_back(enc.offsets[i]);
        out.special_tokens_mask.push_back(enc.special_tokens_mask[i]);
        out.attention_mask.push_back(enc.attention_mask[i]);
      }
    } else if (add_special) {
      for (size_t k = 0; k < p.ids.size(); k++) {
        out.ids.push_back(p.ids[k]);
        out.type_ids.push_back(p.type_id);
        out.tokens.push_back(k < p.tokens.size() ? p.tokens[k] : std::string());
        out.offsets.push_back({0, 0});
        out.special_tokens_mask.push_back(1);
        out.attention_mask.push_back(1);
      }
    }
  }
  enc = std::move(out);
}

void TemplateProcessing::process_ids(std::vector<uint32_t>& ids, size_t begin, bool add_special) const {
  if (!add_special) {
    // Only Sequence pieces remain: $A once keeps the ids as they are.
    size_t a = 0;
    for (const TemplatePiece& p : single_) a += p.is_sequence && p.sequence == 0;
    if (a == 1) return;
  }
  thread_local std::vector<uint32_t> seq;
  seq.assign(ids.begin() + static_cast<std::ptrdiff_t>(begin), ids.end());
  ids.resize(begin);
  for (const TemplatePiece& p : single_) {
    if (p.is_sequence) {
      if (p.sequence == 0) ids.insert(ids.end(), seq.begin(), seq.end());
    } else if (add_special) {
      ids.insert(ids.end(), p.ids.begin(), p.ids.end());
    }
  }
}

}  // namespace embedkit::tok
