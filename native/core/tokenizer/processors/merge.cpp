// merge_encodings and PostProcessor::process: HF tokenizer/encoding.rs merge_with and the PostProcessor
// trait's default process.
#include <utility>

#include "tokenizer/processors/post_processor.h"

namespace embedkit::tok {

namespace {

template <class T>
void append(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

template <class T>
void append(std::vector<T>& to, std::vector<T>&& from) {
  if (to.empty()) to = std::move(from);
  else to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

template <class E>
void append_fields(Encoding& self, E&& pair) {
  append(self.ids, std::forward<E>(pair).ids);
  append(self.type_ids, std::forward<E>(pair).type_ids);
  append(self.tokens, std::forward<E>(pair).tokens);
  append(self.offsets, std::forward<E>(pair).offsets);
  append(self.special_tokens_mask, std::forward<E>(pair).special_tokens_mask);
  append(self.attention_mask, std::forward<E>(pair).attention_mask);
}

void merge_with(Encoding& self, Encoding&& pair);

// HF merge_with: every overflow window of `self` with `pair` (and with each of pair's windows), then
// `self` with each of pair's windows. Recursive like HF, so windows may carry windows of their own.
std::vector<Encoding> merged_overflow(const Encoding& self, const Encoding& pair) {
  std::vector<Encoding> out;
  for (const Encoding& mine : self.overflowing) {
    Encoding n = mine;
    merge_with(n, Encoding(pair));
    out.push_back(std::move(n));
    for (const Encoding& theirs : pair.overflowing) {
      Encoding m = mine;
      merge_with(m, Encoding(theirs));
      out.push_back(std::move(m));
    }
  }
  for (const Encoding& theirs : pair.overflowing) {
    Encoding n = self;
    merge_with(n, Encoding(theirs));
    out.push_back(std::move(n));
  }
  return out;
}

void merge_with(Encoding& self, Encoding&& pair) {
  if (self.overflowing.empty() && pair.overflowing.empty()) {
    append_fields(self, std::move(pair));
    return;
  }
  std::vector<Encoding> overflow = merged_overflow(self, pair);
  append_fields(self, std::move(pair));
  self.overflowing = std::move(overflow);
}

}  // namespace

Encoding merge_encodings(std::vector<Encoding>&& parts) {
  Encoding out;
  for (Encoding& p : parts) merge_with(out, std::move(p));
  return out;
}

Encoding PostProcessor::process(std::vector<Encoding> encodings, bool add_special_tokens) const {
  process_encodings(encodings, add_special_tokens);
  return merge_encodings(std::move(encodings));
}

void PostProcessor::process(Encoding& encoding, bool add_special_tokens) const {
  std::vector<Encoding> one;
  one.push_back(std::move(encoding));
  encoding = process(std::move(one), add_special_tokens);
}

}  // namespace embedkit::tok
