#include "tokenizer/processors/roberta_processing.h"

#include "tokenizer/processors/trim_offsets.h"

namespace embedkit::tok {

// `before` e </s>, all type 0; the sequence's own tokens get special-mask 0 and its windows the same.
Encoding RobertaProcessing::wrap(Encoding&& e, const TemplatePiece& before) const {
  std::vector<Encoding> windows = std::move(e.overflowing);
  e.overflowing.clear();
  std::vector<Encoding> parts;
  parts.push_back(special_encoding(before, 0));
  e.type_ids.assign(e.ids.size(), 0);
  e.special_tokens_mask.assign(e.ids.size(), 0);
  parts.push_back(std::move(e));
  parts.push_back(special_encoding(sep_, 0));
  Encoding out = merge_encodings(std::move(parts));
  for (Encoding& w : windows) out.overflowing.push_back(wrap(std::move(w), before));
  return out;
}

void RobertaProcessing::process_encodings(std::vector<Encoding>& encodings, bool add_special) const {
  if (trim_) {
    for (Encoding& e : encodings) {
      trim_byte_level_offsets(e, add_prefix_space_);
      for (Encoding& o : e.overflowing) trim_byte_level_offsets(o, add_prefix_space_);
    }
  }
  for (Encoding& e : encodings) e.type_ids.assign(e.ids.size(), 0);
  if (!add_special) return;
  for (size_t i = 0; i < encodings.size(); i++) encodings[i] = wrap(std::move(encodings[i]), i == 0 ? cls_ : sep_);
}

void RobertaProcessing::process_ids(std::vector<uint32_t>& ids, size_t begin, bool add_special) const {
  if (!add_special) return;
  ids.insert(ids.begin() + static_cast<std::ptrdiff_t>(begin), cls_.ids.begin(), cls_.ids.end());
  ids.insert(ids.end(), sep_.ids.begin(), sep_.ids.end());
}

}  // namespace embedkit::tok
