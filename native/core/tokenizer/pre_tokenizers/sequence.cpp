#include "tokenizer/pre_tokenizers/sequence.h"

#include <deque>

namespace embedkit::tok {

void SequencePreTokenizer::pre_tokenize(NormalizedText& text, const std::vector<Piece>& in, std::vector<Piece>& out) const {
  if (parts_.empty()) {
    out.insert(out.end(), in.begin(), in.end());
    return;
  }
  // Scratch per nesting depth (a Sequence may hold a Sequence); a deque keeps references stable.
  thread_local std::deque<std::vector<Piece>> buffers;
  thread_local size_t depth = 0;
  struct Depth {
    size_t& level;
    explicit Depth(size_t& l) : level(l) { level++; }
    ~Depth() { level--; }
  } guard(depth);
  while (buffers.size() < 2 * depth) buffers.emplace_back();
  std::vector<Piece>& a = buffers[2 * depth - 2];
  std::vector<Piece>& b = buffers[2 * depth - 1];
  const std::vector<Piece>* current = &in;
  for (size_t k = 0; k < parts_.size(); k++) {
    const bool last = k + 1 == parts_.size();
    std::vector<Piece>& next = last ? out : (current == &a ? b : a);
    if (!last) next.clear();
    parts_[k]->pre_tokenize(text, *current, next);
    current = &next;
  }
}

}  // namespace embedkit::tok
