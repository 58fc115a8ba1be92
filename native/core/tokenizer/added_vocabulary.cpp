#include "tokenizer/added_vocabulary.h"

#include <cstring>

#include <algorithm>

#include "text/unicode.h"
#include "text/utf8.h"
#include "tokenizer/models/model.h"
#include "tokenizer/normalizers/normalizer.h"

namespace embedkit::tok {

namespace {

// The code point that ends at byte `end` of s (s[..end] non-empty, valid UTF-8).
uint32_t char_before(std::string_view s, size_t end) {
  size_t start = end - 1;
  while (start > 0 && (static_cast<uint8_t>(s[start]) & 0xC0) == 0x80) start--;
  return text::decode_utf8(s, start);
}

}  // namespace

void AddedVocabulary::build(const std::vector<AddedToken>& tokens, const Model& model, const Normalizer* normalizer) {
  // Special tokens keep the flags of their first appearance in the matchers, as HF's special list does.
  std::vector<std::string> specials, others;
  std::unordered_map<std::string, bool> is_special;
  for (const AddedToken& t : tokens) {
    if (t.content.empty()) continue;
    if (t.special) specials_.insert(t.content);
    if (t.special && !is_special[t.content]) {
      is_special[t.content] = true;
      specials.push_back(t.content);
    }
  }
  auto key_of = [](const AddedToken& t) {
    std::string key = t.content;
    key += '\0';
    key += static_cast<char>('0' + t.single_word + 2 * t.lstrip + 4 * t.rstrip + 8 * t.normalized + 16 * t.special);
    return key;
  };
  std::unordered_map<std::string, bool> registered;  // content + flags of every registered entry
  bool any = false;
  uint32_t max_id = 0;
  const uint32_t vocab = static_cast<uint32_t>(model.vocab_size());
  for (const AddedToken& t : tokens) {
    if (t.content.empty()) continue;
    std::string key = key_of(t);
    if (registered[key]) continue;  // the same token with the same flags again
    registered[key] = true;
    uint32_t id;
    if (auto it = by_content_.find(t.content); it != by_content_.end()) {
      id = it->second;
    } else if (auto mid = model.token_to_id(t.content)) {
      id = *mid;
    } else {
      id = !any ? vocab : (max_id >= vocab || vocab == 0) ? max_id + 1 : vocab;
    }
    by_content_[t.content] = id;
    by_id_[id] = t;
    max_id = any ? std::max(max_id, id) : id;
    any = true;
    if (!is_special[t.content]) others.push_back(t.content);
  }

  // Matchers over the final tokens.
  std::vector<std::pair<const AddedToken*, uint32_t>> all;
  std::unordered_map<std::string, bool> listed;
  for (const auto* list : {&specials, &others}) {
    for (const std::string& content : *list) {
      if (listed[content]) continue;
      listed[content] = true;
      const uint32_t id = by_content_.at(content);
      all.emplace_back(&by_id_.at(id), id);
    }
  }
  patterns_.clear();
  patterns_.reserve(all.size());
  std::vector<std::pair<std::string_view, uint32_t>> raw_entries, norm_entries;
  std::vector<size_t> raw_index, norm_index;
  NormalizedText nt, scratch;
  for (const auto& [token, id] : all) {
    std::string pattern = token->content;
    if (token->normalized && normalizer) {
      nt.reset(pattern, 0, false);
      normalizer->normalize(nt, scratch);
      pattern = nt.text;
    }
    patterns_.push_back(std::move(pattern));
  }
  for (size_t i = 0; i < all.size(); i++) {
    Matcher& m = all[i].first->normalized ? normalized_ : raw_;
    if (patterns_[i].empty()) continue;
    auto& entries = all[i].first->normalized ? norm_entries : raw_entries;
    entries.emplace_back(patterns_[i], static_cast<uint32_t>(m.ids.size()));
    m.ids.push_back(all[i].second);
    m.tokens.push_back(all[i].first);
    m.first_byte[static_cast<uint8_t>(patterns_[i][0])] = true;
  }
  // HF's automaton keeps one entry per pattern; with duplicates the first registered one wins here.
  std::reverse(raw_entries.begin(), raw_entries.end());
  std::reverse(norm_entries.begin(), norm_entries.end());
  for (Matcher* m : {&raw_, &normalized_}) {
    int count = 0;
    for (int b = 0; b < 256; b++)
      if (m->first_byte[b]) {
        count++;
        m->only_first = b;
      }
    if (count != 1) m->only_first = -1;
  }
  raw_.trie.build(raw_entries);
  normalized_.trie.build(norm_entries);
}

void AddedVocabulary::find(std::string_view s, bool normalized_set, std::vector<Match>& out) const {
  find_with(normalized_set ? normalized_ : raw_, s, out);
}

void AddedVocabulary::find_with(const Matcher& m, std::string_view s, std::vector<Match>& out) const {
  if (m.trie.empty()) return;
  const size_t n = s.size();
  size_t prev_end = 0;  // end of the last emitted split
  size_t pos = 0;
  while (pos < n) {
    if (m.only_first >= 0) {  // memchr skips to the only byte a match can start at
      const void* hit = std::memchr(s.data() + pos, m.only_first, n - pos);
      if (!hit) break;
      pos = static_cast<size_t>(static_cast<const char*>(hit) - s.data());
    } else if (!m.first_byte[static_cast<uint8_t>(s[pos])]) {
      pos++;
      continue;
    }
    uint32_t index = 0;
    const size_t len = m.trie.longest_prefix(s.data() + pos, n - pos, index);
    if (len == 0) {
      pos++;
      continue;
    }
    size_t start = pos, stop = pos + len;
    pos = stop;  // the search resumes after the match, whatever happens to it
    const AddedToken& t = *m.tokens[index];
    if (t.single_word) {
      const bool start_ok = start == 0 || !text::is_word_char(char_before(s, start));
      size_t at = stop;
      const bool stop_ok = stop == n || !text::is_word_char(text::decode_utf8(s, at));
      if (!start_ok || !stop_ok) continue;
    }
    if (t.lstrip) {
      size_t b = start;
      while (b > 0) {
        size_t c = b - 1;
        while (c > 0 && (static_cast<uint8_t>(s[c]) & 0xC0) == 0x80) c--;
        size_t tmp = c;
        if (!text::is_whitespace(text::decode_utf8(s, tmp))) break;
        b = c;
      }
      start = std::max(b, prev_end);
    }
    if (t.rstrip) {
      size_t e = stop;
      while (e < n) {
        size_t next = e;
        if (!text::is_whitespace(text::decode_utf8(s, next))) break;
        e = next;
      }
      stop = e;
    }
    out.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(stop), m.ids[index]});
    prev_end = stop;
  }
}

std::optional<uint32_t> AddedVocabulary::token_to_id(std::string_view content) const {
  auto it = by_content_.find(std::string(content));
  if (it == by_content_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string_view> AddedVocabulary::id_to_token(uint32_t id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return std::string_view(it->second.content);
}

std::vector<std::pair<std::string, uint32_t>> AddedVocabulary::entries() const {
  std::vector<std::pair<std::string, uint32_t>> out;
  out.reserve(by_content_.size());
  for (const auto& kv : by_content_) out.emplace_back(kv.first, kv.second);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return out;
}

}  // namespace embedkit::tok
