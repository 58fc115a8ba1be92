#include "tokenizer/processors/template_processing.h"

namespace embedkit::tok {

size_t TemplateProcessing::added_tokens(bool pair) const {
  size_t n = 0;
  for (const TemplatePiece& p : pair ? pair_ : single_)
    if (!p.is_sequence) n += p.ids.size();
  return n;
}

Encoding special_encoding(const TemplatePiece& p, uint32_t type_id) {
  Encoding e;
  const size_t n = p.ids.size();
  e.ids = p.ids;
  e.type_ids.assign(n, type_id);
  e.tokens = p.tokens;
  e.tokens.resize(n);
  e.offsets.assign(n, Offsets{0, 0});
  e.special_tokens_mask.assign(n, 1);
  e.attention_mask.assign(n, 1);
  return e;
}

// HF template.rs apply_template.
void TemplateProcessing::process_encodings(std::vector<Encoding>& encodings, bool add_special) const {
  const std::vector<TemplatePiece>& tpl = encodings.size() >= 2 ? pair_ : single_;
  // A sequence is moved into its last piece and copied into earlier ones (a template may repeat $A).
  size_t last_use[2] = {SIZE_MAX, SIZE_MAX};
  for (size_t k = 0; k < tpl.size(); k++)
    if (tpl[k].is_sequence && tpl[k].sequence < 2) last_use[tpl[k].sequence] = k;
  std::vector<Encoding> out;
  out.reserve(tpl.size());
  for (size_t k = 0; k < tpl.size(); k++) {
    const TemplatePiece& p = tpl[k];
    if (p.is_sequence) {
      if (p.sequence >= encodings.size()) continue;  // $B in a single template (HF rejects such files)
      Encoding& e = encodings[p.sequence];
      e.type_ids.assign(e.ids.size(), p.type_id);
      if (k == last_use[p.sequence]) out.push_back(std::move(e));
      else out.push_back(e);
    } else if (add_special) {
      out.push_back(special_encoding(p, p.type_id));
    }
  }
  encodings = std::move(out);
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
