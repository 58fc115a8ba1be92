#include "tokenizer/normalizers/precompiled.h"

#include <utf8proc.h>

#include <cstring>

#include "common/error.h"
#include "text/utf8.h"
#include "tokenizer/normalizers/positional.h"

namespace embedkit::tok {

namespace {

uint32_t read_u32(const char* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; i--) v = (v << 8) | static_cast<uint8_t>(p[i]);  // little-endian on any host
  return v;
}

// Darts-clone unit fields.
inline bool has_leaf(uint32_t u) { return (u >> 8) & 1; }
inline uint32_t value(uint32_t u) { return u & 0x7FFFFFFFu; }
inline uint32_t label(uint32_t u) { return u & 0x800000FFu; }
inline uint32_t offset(uint32_t u) { return (u >> 10) << ((u & 0x200u) >> 6); }

size_t char_count(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
  return n;
}

// HF precompiled.rs `replace`: the new chars take places one for one; extra ones are insertions (+1 on
// the last ones), missing ones are subtracted from the last char written so far.
void replace(std::vector<CharChange>& out, std::string_view old_part, std::string_view new_part) {
  const long diff = static_cast<long>(char_count(new_part)) - static_cast<long>(char_count(old_part));
  const size_t first_new = out.size();
  for (size_t i = 0; i < new_part.size();) out.push_back({text::decode_utf8(new_part, i), 0});
  if (diff > 0) {
    for (size_t k = out.size(); k > first_new && k + static_cast<size_t>(diff) > out.size(); k--) out[k - 1].change = 1;
  } else if (diff < 0 && !out.empty()) {
    out.back().change += static_cast<int32_t>(diff);
  }
}

}  // namespace

PrecompiledNormalizer::PrecompiledNormalizer(std::string_view map, const std::string& where) {
  if (map.size() < 4) throw Error(ErrorKind::Format, where + ": precompiled_charsmap is too short");
  const uint32_t trie_bytes = read_u32(map.data());
  if (trie_bytes % 4 != 0 || trie_bytes == 0 || trie_bytes > map.size() - 4)
    throw Error(ErrorKind::Format, where + ": precompiled_charsmap has a trie size that does not fit");
  units_.resize(trie_bytes / 4);
  for (size_t i = 0; i < units_.size(); i++) units_[i] = read_u32(map.data() + 4 + 4 * i);
  blob_.assign(map.substr(4 + trie_bytes));
  if (text::find_invalid_utf8(blob_) != std::string_view::npos)
    throw Error(ErrorKind::Format, where + ": precompiled_charsmap replacements are not valid UTF-8");
}

std::optional<std::string_view> PrecompiledNormalizer::transform(std::string_view key) const {
  const size_t n = units_.size();
  size_t pos = offset(units_[0]);
  for (char ch : key) {
    const uint32_t c = static_cast<uint8_t>(ch);
    if (c == 0) break;
    pos ^= c;
    if (pos >= n) break;
    const uint32_t u = units_[pos];
    if (label(u) != c) break;
    pos ^= offset(u);
    if (pos >= n) break;
    if (has_leaf(u)) {
      const size_t at = value(units_[pos]);  // the first (shortest) match wins
      if (at >= blob_.size()) return std::string_view();
      const size_t end = blob_.find('\0', at);
      return std::string_view(blob_).substr(at, (end == std::string::npos ? blob_.size() : end) - at);
    }
  }
  return std::nullopt;
}

void PrecompiledNormalizer::normalize(NormalizedText& text, NormalizedText& scratch) const {
  const std::string& s = text.text;
  thread_local std::vector<CharChange> out;
  out.clear();
  bool modified = false;
  auto per_char = [&](size_t b, size_t e) {
    for (size_t i = b; i < e;) {
      const size_t start = i;
      const uint32_t cp = text::decode_utf8(s, i);
      const std::string_view part(s.data() + start, i - start);
      if (auto norm = transform(part)) {
        modified = true;
        replace(out, part, *norm);
      } else {
        out.push_back({cp, 0});
      }
    }
  };
  auto grapheme = [&](size_t b, size_t e) {
    const std::string_view g(s.data() + b, e - b);
    if (g.size() < 6) {
      if (auto norm = transform(g)) {
        modified = true;
        replace(out, g, *norm);
        return;
      }
    }
    per_char(b, e);
  };
  // Extended grapheme clusters (utf8proc's UAX #29 rules).
  utf8proc_int32_t state = 0;
  size_t start = 0, i = 0;
  uint32_t prev = 0;
  while (i < s.size()) {
    const size_t at = i;
    const uint32_t cp = text::decode_utf8(s, i);
    if (at > 0 && utf8proc_grapheme_break_stateful(static_cast<utf8proc_int32_t>(prev), static_cast<utf8proc_int32_t>(cp), &state)) {
      grapheme(start, at);
      start = at;
    }
    prev = cp;
  }
  if (start < s.size()) grapheme(start, s.size());
  if (!modified) return;
  apply_positional(text, out, scratch);
  std::swap(text, scratch);
}

}  // namespace embedkit::tok
