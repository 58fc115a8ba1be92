#include "tokenizer/models/wordpiece.h"

#include <cstring>

#include "common/error.h"
#include "text/utf8.h"

namespace embedkit::tok {

WordPiece::WordPiece(Vocab vocab, std::string unk_token, std::string prefix, size_t max_chars)
    : vocab_(std::move(vocab)), unk_token_(std::move(unk_token)), prefix_(std::move(prefix)), max_chars_(max_chars) {
  unk_id_ = vocab_.id(unk_token_);
  std::vector<std::pair<std::string_view, uint32_t>> all, cont;
  all.reserve(vocab_.size());
  for (const auto& e : vocab_.entries()) {
    all.emplace_back(e.first, e.second);
    if (e.first.size() > prefix_.size() && e.first.compare(0, prefix_.size(), prefix_) == 0)
      cont.emplace_back(std::string_view(e.first).substr(prefix_.size()), e.second);
  }
  initial_.build(all);
  size_t cap = 16;
  while (cap < all.size() * 2) cap <<= 1;
  slots_.assign(cap, Slot{});
  mask_ = cap - 1;
  for (const auto& [key, id] : all) {
    if (key.empty() || key.size() > kMaxHashed) continue;
    uint32_t found;
    if (find_word(key.data(), key.size(), found)) continue;  // the trie holds the same id (last one wins in Vocab)
    const uint64_t h = hash_word(key.data(), key.size());
    size_t at = h & mask_;
    while (slots_[at].length) at = (at + 1) & mask_;
    slots_[at] = Slot{h, static_cast<uint32_t>(words_.size()), static_cast<uint16_t>(key.size()), id};
    words_.append(key);
  }
  if (prefix_.empty()) continuation_ = initial_;
  else continuation_.build(cont);
}

uint64_t WordPiece::hash_word(const char* s, size_t n) noexcept {
  // 8 bytes at a time, multiply-xorshift mixing; quality is ample for a ~30k-entry table.
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xC2B2AE3D27D4EB4Full);
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, s, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 29;
    s += 8;
    n -= 8;
  }
  if (n) {
    uint64_t w = 0;
    std::memcpy(&w, s, n);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 32;
  }
  return h;
}

bool WordPiece::find_word(const char* s, size_t n, uint32_t& id) const noexcept {
  const uint64_t h = hash_word(s, n);
  size_t at = h & mask_;
  for (;;) {
    const Slot& slot = slots_[at];
    if (!slot.length) return false;
    if (slot.hash == h && slot.length == n && std::memcmp(words_.data() + slot.offset, s, n) == 0) {
      id = slot.id;
      return true;
    }
    at = (at + 1) & mask_;
  }
}

bool WordPiece::too_long(std::string_view word) const noexcept {
  return word.size() > max_chars_ && text::count_code_points(word) > max_chars_;
}

uint32_t WordPiece::unk() const {
  if (!unk_id_)
    throw Error(ErrorKind::Runtime, "WordPiece: the unknown token '" + unk_token_ + "' is not in the vocabulary");
  return *unk_id_;
}

void WordPiece::tokenize_ids(std::string_view word, std::vector<uint32_t>& ids) const {
  if (too_long(word)) {
    ids.push_back(unk());
    return;
  }
  if (word.size() <= kMaxHashed) {
    uint32_t whole;
    if (find_word(word.data(), word.size(), whole)) {
      ids.push_back(whole);
      return;
    }
  }
  const size_t mark = ids.size();
  const char* p = word.data();
  const size_t n = word.size();
  size_t start = 0;
  while (start < n) {
    uint32_t id = 0;
    const ByteTrie& trie = start == 0 ? initial_ : continuation_;
    const size_t len = trie.longest_prefix(p + start, n - start, id);
    if (len == 0) {
      ids.resize(mark);
      ids.push_back(unk());
      return;
    }
    ids.push_back(id);
    start += len;
  }
}

void WordPiece::tokenize(std::string_view word, std::vector<WordToken>& tokens) const {
  const uint32_t n = static_cast<uint32_t>(word.size());
  if (too_long(word)) {
    tokens.push_back({unk(), 0, n});
    return;
  }
  const size_t mark = tokens.size();
  uint32_t start = 0;
  while (start < n) {
    uint32_t id = 0;
    const ByteTrie& trie = start == 0 ? initial_ : continuation_;
    const size_t len = trie.longest_prefix(word.data() + start, n - start, id);
    if (len == 0) {
      tokens.resize(mark);
      tokens.push_back({unk(), 0, n});
      return;
    }
    tokens.push_back({id, start, static_cast<uint32_t>(start + len)});
    start += static_cast<uint32_t>(len);
  }
}

}  // namespace embedkit::tok
