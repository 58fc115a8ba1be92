#include "tokenizer/normalizers/replace.h"

#include <vector>

namespace embedkit::tok {

void ReplaceNormalizer::normalize(NormalizedText& text, NormalizedText& scratch) const {
  if (text.text.empty()) return;
  thread_local std::vector<std::pair<uint32_t, uint32_t>> matches;
  matches.clear();
  regex_->find_all(text.text, matches);
  if (matches.empty()) return;
  const bool track = text.tracking;
  scratch.clear(track);
  size_t last = 0;
  for (const auto& [b, e] : matches) {
    scratch.text.append(text.text, last, b - last);
    if (track) {
      scratch.align.insert(scratch.align.end(), text.align.begin() + last, text.align.begin() + b);
      const Span s = e > 0 ? text.align[e - 1] : Span{text.align[0].start, text.align[0].start};
      scratch.align.insert(scratch.align.end(), content_.size(), s);
    }
    scratch.text += content_;
    last = e;
  }
  scratch.text.append(text.text, last, std::string::npos);
  if (track) scratch.align.insert(scratch.align.end(), text.align.begin() + last, text.align.end());
  std::swap(text.text, scratch.text);
  std::swap(text.align, scratch.align);
}

std::string ReplaceNormalizer::apply(std::string_view s) const {
  if (s.empty()) return std::string();
  thread_local std::vector<std::pair<uint32_t, uint32_t>> matches;
  matches.clear();
  regex_->find_all(s, matches);
  std::string out;
  size_t last = 0;
  for (const auto& [b, e] : matches) {
    out.append(s.substr(last, b - last));
    out += content_;
    last = e;
  }
  out.append(s.substr(last));
  return out;
}

}  // namespace embedkit::tok
