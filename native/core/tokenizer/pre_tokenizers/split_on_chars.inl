// The body of split_on_chars (pre_tokenizer.h).
#pragma once
#include <algorithm>

#include "text/utf8.h"

namespace embedkit::tok {

template <class Pred>
void split_on_chars(const std::string& text, Piece piece, Pred&& pred, SplitBehavior behavior, std::vector<Piece>& out) {
  // The pattern's view: alternating non-match runs and single-char matches covering the piece.
  struct Part {
    uint32_t begin, end;
    bool match;
  };
  thread_local std::vector<Part> parts;
  parts.clear();
  uint32_t last = piece.begin;
  size_t i = piece.begin;
  while (i < piece.end) {
    const size_t start = i;
    const uint32_t cp = text::decode_utf8(text, i);
    if (pred(cp)) {
      if (last < start) parts.push_back({last, static_cast<uint32_t>(start), false});
      parts.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i), true});
      last = static_cast<uint32_t>(i);
    }
  }
  if (last < piece.end) parts.push_back({last, piece.end, false});

  auto emit = [&](uint32_t b, uint32_t e) {
    if (b < e) out.push_back({b, e});
  };
  switch (behavior) {
    case SplitBehavior::Removed:
      for (const Part& p : parts)
        if (!p.match) emit(p.begin, p.end);
      break;
    case SplitBehavior::Isolated:
      for (const Part& p : parts) emit(p.begin, p.end);
      break;
    case SplitBehavior::Contiguous: {
      size_t k = 0;
      while (k < parts.size()) {
        size_t j = k + 1;
        while (j < parts.size() && parts[j].match == parts[k].match) j++;
        emit(parts[k].begin, parts[j - 1].end);
        k = j;
      }
      break;
    }
    case SplitBehavior::MergedWithPrevious: {
      const size_t first = out.size();
      bool previous_match = false;
      for (const Part& p : parts) {
        if (p.match && !previous_match && out.size() > first) out.back().end = p.end;
        else out.push_back({p.begin, p.end});
        previous_match = p.match;
      }
      break;
    }
    case SplitBehavior::MergedWithNext: {
      const size_t first = out.size();
      bool previous_match = false;
      for (size_t k = parts.size(); k-- > 0;) {
        const Part& p = parts[k];
        if (p.match && !previous_match && out.size() > first) out.back().begin = p.begin;
        else out.push_back({p.begin, p.end});
        previous_match = p.match;
      }
      std::reverse(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
      break;
    }
  }
}

}  // namespace embedkit::tok
