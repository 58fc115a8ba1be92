#include "tokenizer/padding.h"

#include <algorithm>

namespace embedkit::tok {

namespace {

template <class T>
void pad_field(std::vector<T>& v, size_t n, const T& value, Side side) {
  if (side == Side::Right) v.insert(v.end(), n, value);
  else v.insert(v.begin(), n, value);
}

}  // namespace

void pad_encoding(Encoding& e, size_t length, const Padding& p) {
  for (Encoding& o : e.overflowing) pad_encoding(o, length, p);  // HF pads the overflow windows first
  if (e.ids.size() >= length) return;
  const size_t n = length - e.ids.size();
  pad_field(e.ids, n, p.pad_id, p.side);
  pad_field(e.type_ids, n, p.pad_type_id, p.side);
  pad_field(e.tokens, n, p.pad_token, p.side);
  pad_field(e.offsets, n, Offsets{0, 0}, p.side);
  pad_field(e.special_tokens_mask, n, uint8_t{1}, p.side);
  pad_field(e.attention_mask, n, uint8_t{0}, p.side);
}

void pad_batch(std::vector<Encoding>& batch, const Padding& p) {
  if (batch.empty()) return;
  size_t length = p.length;
  if (p.strategy == Padding::Strategy::BatchLongest) {
    length = 0;
    for (const Encoding& e : batch) length = std::max(length, e.ids.size());  // main sequences only, as HF
  }
  if (p.pad_to_multiple_of > 0 && length % p.pad_to_multiple_of > 0) length += p.pad_to_multiple_of - length % p.pad_to_multiple_of;
  for (Encoding& e : batch) pad_encoding(e, length, p);
}

}  // namespace embedkit::tok
