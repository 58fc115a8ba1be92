// The text one stage of the pipeline works on: UTF-8 plus, when offsets are wanted, where each byte came
// from in the caller's input (as Hugging Face's NormalizedString keeps alignments). Every byte of a char
// carries that char's source range; a char a normalizer inserts inherits the range of the char it came
// from, and a removed char's range is simply gone, which is exactly how HF's offsets come out.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.h"

namespace embedkit::tok {

// Byte length of the UTF-8 sequence a (valid) lead byte starts.
inline size_t utf8_sequence_length(uint8_t lead) noexcept { return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

// A byte range [start, end) in the caller's input.
struct Span {
  uint32_t start;
  uint32_t end;
};

struct NormalizedText {
  std::string text;
  std::vector<Span> align;  // one per byte of `text`, only when `tracking`
  bool tracking = false;

  // Starts from `original`, which sits at byte `base` of the caller's input.
  void reset(std::string_view original, size_t base, bool track) {
    text.assign(original.data(), original.size());
    tracking = track;
    align.clear();
    if (!track) return;
    align.resize(original.size());
    size_t i = 0;
    while (i < original.size()) {
      size_t len = utf8_sequence_length(static_cast<uint8_t>(original[i]));
      Span s{static_cast<uint32_t>(base + i), static_cast<uint32_t>(base + i + len)};
      for (size_t k = 0; k < len; k++) align[i + k] = s;
      i += len;
    }
  }

  void clear(bool track) {
    text.clear();
    align.clear();
    tracking = track;
  }

  // Appends one code point that came from source range `s`.
  void push(uint32_t cp, Span s) {
    const size_t before = text.size();
    if (cp < 0x80) {
      text.push_back(static_cast<char>(cp));
    } else {
      text::append_utf8(text, cp);
    }
    if (tracking) align.insert(align.end(), text.size() - before, s);
  }

  // Source range of normalized bytes [begin, end) (HF: first byte's start to last byte's end).
  Span source(size_t begin, size_t end) const {
    if (begin >= end || end > align.size()) return {0, 0};
    return {align[begin].start, align[end - 1].end};
  }
};

}  // namespace embedkit::tok
