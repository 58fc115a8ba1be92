#include "tokenizer/pre_tokenizers/metaspace.h"

namespace embedkit::tok {

void MetaspacePreTokenizer::pre_tokenize(NormalizedText& text, const std::vector<Piece>& in, std::vector<Piece>& out) const {
  thread_local NormalizedText next;
  thread_local std::vector<Piece> pieces;
  const bool track = text.tracking;
  std::string rep;
  text::append_utf8(rep, replacement_);
  next.clear(track);
  pieces.clear();
  for (const Piece& p : in) {
    const uint32_t begin = static_cast<uint32_t>(next.text.size());
    const std::string_view piece(text.text.data() + p.begin, p.end - p.begin);
    const bool starts_with_rep = piece.compare(0, rep.size(), rep) == 0 || piece[0] == ' ';
    const bool at_start = track ? text.align[p.begin].start == 0 : false;
    bool prepend = !starts_with_rep && (scheme_ == PrependScheme::Always || (scheme_ == PrependScheme::First && at_start));
    if (prepend) {
      next.text += rep;
      if (track) next.align.insert(next.align.end(), rep.size(), text.align[p.begin]);
    }
    for (uint32_t i = p.begin; i < p.end; i++) {
      if (text.text[i] == ' ') {
        next.text += rep;
        if (track) next.align.insert(next.align.end(), rep.size(), text.align[i]);
      } else {
        next.text.push_back(text.text[i]);
        if (track) next.align.push_back(text.align[i]);
      }
    }
    pieces.push_back({begin, static_cast<uint32_t>(next.text.size())});
  }
  std::swap(text.text, next.text);
  std::swap(text.align, next.align);
  const uint32_t r = replacement_;
  for (const Piece& p : pieces) {
    if (split_) split_on_chars(text.text, p, [r](uint32_t cp) { return cp == r; }, SplitBehavior::MergedWithNext, out);
    else out.push_back(p);
  }
}

}  // namespace embedkit::tok
