#include "tokenizer/normalizers/unicode_forms.h"

#include <algorithm>
#include <vector>

#include "text/unicode.h"
#include "tokenizer/normalizers/positional.h"

namespace embedkit::tok {

namespace {

struct Item {
  uint32_t cp;
  int32_t change;
  uint8_t ccc;
};

// Canonical ordering: runs of non-starters sorted stably by combining class (changes travel along).
void reorder(std::vector<Item>& v) {
  size_t i = 0;
  while (i < v.size()) {
    if (v[i].ccc == 0) {
      i++;
      continue;
    }
    size_t j = i;
    while (j < v.size() && v[j].ccc != 0) j++;
    std::stable_sort(v.begin() + static_cast<std::ptrdiff_t>(i), v.begin() + static_cast<std::ptrdiff_t>(j),
                     [](const Item& a, const Item& b) { return a.ccc < b.ccc; });
    i = j;
  }
}

// Canonical composition (UAX #15): a char composes with the last starter unless blocked; the starter
// absorbs its change (one input place fewer, unless the absorbed char was itself inserted).
void compose(std::vector<Item>& v) {
  thread_local std::vector<Item> out;
  out.clear();
  long starter = -1;
  int last_ccc = -1;  // class of the last char kept since the starter (-1: none)
  for (const Item& it : v) {
    if (starter >= 0) {
      const bool blocked = last_ccc != -1 && (last_ccc == 0 || last_ccc >= it.ccc);
      if (!blocked) {
        const uint32_t c = text::compose_pair(out[static_cast<size_t>(starter)].cp, it.cp);
        if (c) {
          out[static_cast<size_t>(starter)].cp = c;
          out[static_cast<size_t>(starter)].change += it.change - 1;
          continue;
        }
      }
    }
    if (it.ccc == 0) {
      starter = static_cast<long>(out.size());
      last_ccc = -1;
    } else {
      last_ccc = it.ccc;
    }
    out.push_back(it);
  }
  v.swap(out);
}

}  // namespace

void UnicodeFormNormalizer::normalize(NormalizedText& text, NormalizedText& scratch) const {
  bool ascii = true;
  for (char c : text.text) {
    if (static_cast<uint8_t>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return;  // no ASCII char decomposes or composes
  thread_local std::vector<Item> items;
  thread_local std::vector<CharChange> chars;
  items.clear();
  uint32_t parts[32];
  for_each_char(text, [&](uint32_t cp, Span) {
    const size_t n = std::min<size_t>(compat_ ? text::compatibility_decomposition(cp, parts, 32) : text::canonical_decomposition(cp, parts, 32), 32);
    for (size_t k = 0; k < n; k++) items.push_back({parts[k], k == 0 ? 0 : 1, text::combining_class(parts[k])});
  });
  reorder(items);
  if (compose_) compose(items);
  chars.clear();
  for (const Item& it : items) chars.push_back({it.cp, it.change});
  apply_positional(text, chars, scratch);
  std::swap(text, scratch);
}

}  // namespace embedkit::tok
