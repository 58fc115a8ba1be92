#include "tokenizer/models/wordpiece.h"

#include <algorithm>
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
  std::fill(std::begin(single_), std::end(single_), -1);
  size_t cap = 16;
  while (cap < all.size() * 2) cap <<= 1;
  slots_.assign(cap, Slot{});
  mask_ = cap - 1;
  for (const auto& [key, id] : all) {
    if (key.empty() || key.size() > kMaxHashed) continue;
    uint32_t found;
    if (find_word<false>(key.data(), key.size(), found)) continue;  // the trie holds the same id (last one wins in Vocab)
    if (key.size() == 1) single_[static_cast<uint8_t>(key[0])] = static_cast<int32_t>(id);
    if (key.size() > 8 && words_.size() >= (1u << 24)) continue;  // offset does not fit: the trie finds it
    const uint64_t k = slot_key<false>(key.data(), key.size());
    size_t at = mix(k, key.size()) & mask_;
    while (slots_[at].meta) at = (at + 1) & mask_;
    uint32_t meta = static_cast<uint32_t>(key.size());
    if (key.size() > 8) {
      meta |= static_cast<uint32_t>(words_.size()) << 8;
      words_.append(key);
    }
    slots_[at] = Slot{k, id, meta};
  }
  if (prefix_.empty()) continuation_ = initial_;
  else continuation_.build(cont);
}

template <bool Padded>
uint64_t WordPiece::load_tail(const char* s, size_t n) noexcept {
  uint64_t w = 0;
  if constexpr (Padded) {
    std::memcpy(&w, s, 8);  // the caller guarantees 8 readable bytes
    if (n < 8) w &= (uint64_t{1} << (8 * n)) - 1;
  } else {
    std::memcpy(&w, s, n);
  }
  return w;
}

template <bool Padded>
uint64_t WordPiece::slot_key(const char* s, size_t n) noexcept {
  if (n <= 8) return load_tail<Padded>(s, n);
  // 8 bytes at a time, multiply-xorshift mixing; quality is ample for a ~30k-entry table.
  uint64_t h = 0x9E3779B97F4A7C15ull;
  while (n > 8) {
    uint64_t w;
    std::memcpy(&w, s, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 29;
    s += 8;
    n -= 8;
  }
  h = (h ^ load_tail<Padded>(s, n)) * 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 32);
}

uint64_t WordPiece::mix(uint64_t key, size_t n) noexcept {
  uint64_t h = (key ^ (n * 0xC2B2AE3D27D4EB4Full)) * 0xFF51AFD7ED558CCDull;
  return h ^ (h >> 31);
}

template <bool Padded>
bool WordPiece::find_word(const char* s, size_t n, uint32_t& id) const noexcept {
  if (n == 1) {
    const int32_t v = single_[static_cast<uint8_t>(s[0])];
    if (v >= 0) id = static_cast<uint32_t>(v);
    return v >= 0;
  }
  const uint64_t key = slot_key<Padded>(s, n);
  size_t at = mix(key, n) & mask_;
  for (;;) {
    const Slot& slot = slots_[at];
    if (!slot.meta) return false;
    if (slot.key == key && (slot.meta & 0xFF) == n && (n <= 8 || std::memcmp(words_.data() + (slot.meta >> 8), s, n) == 0)) {
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

void WordPiece::tokenize_ids(std::string_view word, std::vector<uint32_t>& ids) const { tokenize_ids_impl<false>(word, ids); }

void WordPiece::tokenize_ids_padded(std::string_view word, std::vector<uint32_t>& ids) const { tokenize_ids_impl<true>(word, ids); }

template <bool Padded>
void WordPiece::tokenize_ids_impl(std::string_view word, std::vector<uint32_t>& ids) const {
  if (too_long(word)) {
    ids.push_back(unk());
    return;
  }
  if (word.size() <= kMaxHashed) {
    uint32_t whole;
    if (find_word<Padded>(word.data(), word.size(), whole)) {
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

size_t WordPiece::tokenize_into(std::string_view word, WordToken* out) const { return tokenize_into_impl<true>(word, out); }

template <bool Padded>
size_t WordPiece::tokenize_into_impl(std::string_view word, WordToken* out) const {
  const uint32_t n = static_cast<uint32_t>(word.size());
  if (too_long(word)) {
    out[0] = {unk(), 0, n};
    return 1;
  }
  if (word.size() <= kMaxHashed) {
    uint32_t whole;
    if (find_word<Padded>(word.data(), word.size(), whole)) {  // same id as the greedy walk (see find_word)
      out[0] = {whole, 0, n};
      return 1;
    }
  }
  size_t count = 0;
  uint32_t start = 0;
  while (start < n) {
    uint32_t id = 0;
    const ByteTrie& trie = start == 0 ? initial_ : continuation_;
    const size_t len = trie.longest_prefix(word.data() + start, n - start, id);
    if (len == 0) {
      out[0] = {unk(), 0, n};
      return 1;
    }
    out[count++] = {id, start, static_cast<uint32_t>(start + len)};
    start += static_cast<uint32_t>(len);
  }
  return count;
}

void WordPiece::tokenize(std::string_view word, std::vector<WordToken>& tokens) const {
  const size_t mark = tokens.size();
  tokens.resize(mark + std::max<size_t>(1, word.size()));
  tokens.resize(mark + tokenize_into_impl<false>(word, tokens.data() + mark));
}

}  // namespace embedkit::tok
