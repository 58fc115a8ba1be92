#include "tokenizer/pre_tokenizers/regex_split.h"

#include <algorithm>
#include <string_view>

namespace embedkit::tok {

namespace {

struct Part {
  uint32_t begin, end;
  bool match;
};

}  // namespace

void split_on_regex(const text::Regex& regex, const std::string& text, Piece piece, SplitBehavior behavior, bool invert,
                    std::vector<Piece>& out) {
  thread_local std::vector<std::pair<uint32_t, uint32_t>> matches;
  thread_local std::vector<Part> parts;
  thread_local std::vector<Piece> acc;
  matches.clear();
  parts.clear();
  acc.clear();
  regex.find_all(std::string_view(text).substr(piece.begin, piece.end - piece.begin), matches);
  uint32_t prev = 0;
  const uint32_t len = piece.end - piece.begin;
  for (const auto& m : matches) {
    if (prev != m.first) parts.push_back({piece.begin + prev, piece.begin + m.first, invert});
    parts.push_back({piece.begin + m.first, piece.begin + m.second, !invert});
    prev = m.second;
  }
  if (prev != len) parts.push_back({piece.begin + prev, piece.end, invert});

  switch (behavior) {
    case SplitBehavior::Removed:
      for (const Part& p : parts)
        if (!p.match) acc.push_back({p.begin, p.end});
      break;
    case SplitBehavior::Isolated:
      for (const Part& p : parts) acc.push_back({p.begin, p.end});
      break;
    case SplitBehavior::MergedWithPrevious: {
      bool previous = false;
      for (const Part& p : parts) {
        if (p.match && !previous && !acc.empty()) acc.back().end = p.end;
        else acc.push_back({p.begin, p.end});
        previous = p.match;
      }
      break;
    }
    case SplitBehavior::MergedWithNext: {
      bool previous = false;
      for (size_t k = parts.size(); k-- > 0;) {
        const Part& p = parts[k];
        if (p.match && !previous && !acc.empty()) acc.back().begin = p.begin;
        else acc.push_back({p.begin, p.end});
        previous = p.match;
      }
      std::reverse(acc.begin(), acc.end());
      break;
    }
    case SplitBehavior::Contiguous: {
      int previous = -1;
      for (const Part& p : parts) {
        if (previous == static_cast<int>(p.match) && !acc.empty()) acc.back().end = p.end;
        else acc.push_back({p.begin, p.end});
        previous = p.match;
      }
      break;
    }
  }
  for (const Piece& p : acc)
    if (p.begin < p.end) out.push_back(p);
}

}  // namespace embedkit::tok
