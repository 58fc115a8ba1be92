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

void TemplateProcessing::process(Encoding& enc, bool add_special) const {
  if (!enc.overflowing.empty()) {
    PostProcessor::process(enc, add_special);
    return;
  }
  Encoding out;
  const size_t total = enc.ids.size() + (add_special ? added_tokens(false) : 0);
  out.ids.reserve(total);
  out.type_ids.reserve(total);
  out.tokens.reserve(total);
  out.offsets.reserve(total);
  out.special_tokens_mask.reserve(total);
  out.attention_mask.reserve(total);
  size_t uses = 0;  // tokens are moved out by a lone $A, copied when the template repeats it
  for (const TemplatePiece& p : single_) uses += p.is_sequence && p.sequence == 0;
  for (const TemplatePiece& p : single_) {
    if (p.is_sequence) {
      if (p.sequence != 0) continue;  // $B has no sequence in a single encoding
      for (size_t i = 0; i < enc.ids.size(); i++) {
        out.ids.push_back(enc.ids[i]);
        out.type_ids.push_back(p.type_id);
        if (uses == 1) out.tokens.push_back(std::move(enc.tokens[i]));
        else out.tokens.push_back(enc.tokens[i]);
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
