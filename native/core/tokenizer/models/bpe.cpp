#include "tokenizer/models/bpe.h"

#include <algorithm>
#include <atomic>
#include <cstdio>

#include "common/error.h"

namespace embedkit::tok {

namespace {

std::atomic<uint64_t> next_serial{1};

// Per-thread cache of merged words: direct-mapped, so a slot is overwritten by the next word that hashes
// there. Words longer than kCacheMaxWord bytes are not kept (they are rare and would crowd it).
constexpr size_t kCacheSlots = 4096;
constexpr size_t kCacheMaxWord = 96;
// Up to this many symbols the merge loop scans an array of pair ranks (as tiktoken does) instead of
// keeping a heap: the same merges in the same order (lowest rank, then leftmost), fewer branches.
constexpr size_t kLinearMergeMax = 192;
constexpr uint32_t kNoRank = 0xFFFFFFFFu;

size_t char_len(std::string_view s, size_t i) {
  const uint8_t c = static_cast<uint8_t>(s[i]);
  return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

struct Candidate {
  uint32_t rank;
  uint32_t pos;
  uint32_t id;
};

// Pops the lowest rank, then the leftmost position.
struct Later {
  bool operator()(const Candidate& a, const Candidate& b) const {
    return a.rank != b.rank ? a.rank > b.rank : a.pos > b.pos;
  }
};

}  // namespace

Bpe::Bpe(Vocab vocab, const std::vector<std::pair<std::string, std::string>>& merges, BpeOptions options,
         const std::string& path)
    : vocab_(std::move(vocab)), options_(std::move(options)), serial_(next_serial.fetch_add(1)) {
  ids_.build(vocab_.entries());
  merges_.reserve(merges.size());
  std::string merged;
  for (size_t rank = 0; rank < merges.size(); rank++) {
    const auto& [a, b] = merges[rank];
    const auto a_id = find_id(a);
    const auto b_id = find_id(b);
    if (!a_id || !b_id)
      throw Error(ErrorKind::Format, path + ": merge " + std::to_string(rank) + " uses '" + (a_id ? b : a) +
                                         "', which is not in the vocabulary");
    // HF cuts len(prefix) bytes off the right token whether or not it starts with the prefix.
    const size_t cut = options_.prefix.size();
    if (cut > b.size())
      throw Error(ErrorKind::Format, path + ": merge " + std::to_string(rank) + " right token is shorter than the prefix");
    merged = a;
    merged.append(b, cut, std::string::npos);
    const auto new_id = find_id(merged);
    if (!new_id)
      throw Error(ErrorKind::Format, path + ": merge " + std::to_string(rank) + " makes '" + merged +
                                         "', which is not in the vocabulary");
    merges_.set(*a_id, *b_id, static_cast<uint32_t>(rank), *new_id);  // a repeated pair keeps its last rank
  }
  if (options_.prefix.empty() && options_.suffix.empty()) {
    char_ids_.assign(0x800, bpe_tables::StringIds::kNone);
    char utf8[2];
    for (uint32_t cp = 0; cp < 0x800; cp++) {
      if (cp < 0x80) {
        utf8[0] = static_cast<char>(cp);
        char_ids_[cp] = ids_.find(std::string_view(utf8, 1));
      } else {
        utf8[0] = static_cast<char>(0xC0 | (cp >> 6));
        utf8[1] = static_cast<char>(0x80 | (cp & 0x3F));
        char_ids_[cp] = ids_.find(std::string_view(utf8, 2));
      }
    }
  }
  char name[8];
  for (int b = 0; b < 256; b++) {
    std::snprintf(name, sizeof name, "<0x%02X>", b);
    const auto id = find_id(name);
    has_byte_[b] = id.has_value();
    byte_ids_[b] = id.value_or(0);
  }
}

std::optional<uint32_t> Bpe::unk_id() const {
  if (!options_.unk_token) return std::nullopt;
  return vocab_.id(*options_.unk_token);
}

void Bpe::split_word(std::string_view w, std::vector<Symbol>& symbols, std::string& s) const {
  bool unk_pending = false;
  uint32_t unk_id_value = 0, unk_len = 0;
  auto add = [&](uint32_t id, uint32_t len) {
    const int32_t n = static_cast<int32_t>(symbols.size());
    symbols.push_back({id, len, n - 1, -1});
    if (n > 0) symbols[n - 1].next = n;
  };
  auto unknown_id = [&]() -> uint32_t {
    auto id = find_id(*options_.unk_token);
    if (!id) throw Error(ErrorKind::Runtime, "BPE: the unknown token '" + *options_.unk_token + "' is not in the vocabulary");
    return *id;
  };
  size_t i = 0;
  while (i < w.size()) {
    const size_t len = char_len(w, i);
    const size_t end = i + len;
    const bool first = i == 0, last = end == w.size();
    std::optional<uint32_t> id;
    const uint8_t lead = static_cast<uint8_t>(w[i]);
    if (!char_ids_.empty() && (lead < 0x80 || (lead >= 0xC2 && lead < 0xE0 && end <= w.size()))) {
      // No prefix or suffix here, and a valid one- or two-byte char: its id is in the table.
      const uint32_t cp = lead < 0x80 ? lead : ((lead & 0x1Fu) << 6) | (static_cast<uint8_t>(w[i + 1]) & 0x3Fu);
      if (char_ids_[cp] != bpe_tables::StringIds::kNone) id = char_ids_[cp];
      else if (options_.byte_fallback) s.assign(w.substr(i, len));
    } else if ((first || options_.prefix.empty()) && (!last || options_.suffix.empty())) {
      id = find_id(w.substr(i, len));
      if (!id && options_.byte_fallback) s.assign(w.substr(i, len));
    } else {
      s.clear();
      if (!first) s += options_.prefix;
      s.append(w.substr(i, len));
      if (last) s += options_.suffix;
      id = find_id(s);
    }
    if (id) {
      if (unk_pending) {
        add(unk_id_value, unk_len);
        unk_pending = false;
      }
      add(*id, static_cast<uint32_t>(len));
    } else {
      bool done = false;
      if (options_.byte_fallback) {
        bool all = true;
        for (char c : s) all = all && has_byte_[static_cast<uint8_t>(c)];
        if (all) {
          for (char c : s) add(byte_ids_[static_cast<uint8_t>(c)], 1);
          done = true;
        }
      }
      if (!done && options_.unk_token) {
        if (unk_pending && options_.fuse_unk) {
          unk_len += static_cast<uint32_t>(len);
        } else {
          if (unk_pending) add(unk_id_value, unk_len);
          unk_id_value = unknown_id();
          unk_len = static_cast<uint32_t>(len);
          unk_pending = true;
        }
      }
    }
    i = end;
  }
  if (unk_pending) add(unk_id_value, unk_len);
}

void Bpe::merge(std::vector<Symbol>& symbols) const {
  const size_t n = symbols.size();
  if (n < 2) return;
  if (n > kLinearMergeMax) return merge_with_heap(symbols);
  // rank[k], made[k]: the merge of live symbol k with the live symbol after it (kNoRank: none).
  uint32_t rank[kLinearMergeMax], made[kLinearMergeMax];
  for (size_t k = 0; k + 1 < n; k++)
    if (!lookup_merge(symbols[k].id, symbols[k + 1].id, rank[k], made[k])) rank[k] = kNoRank;
  rank[n - 1] = kNoRank;
  for (;;) {
    uint32_t best = kNoRank;
    int32_t at = -1;
    for (int32_t k = 0; k >= 0; k = symbols[k].next)  // symbol 0 is never merged away
      if (rank[k] < best) {
        best = rank[k];
        at = k;
      }
    if (at < 0) break;
    Symbol& left = symbols[at];
    const int32_t right_pos = left.next;
    Symbol& right = symbols[right_pos];
    left.id = made[at];
    left.len += right.len;
    left.next = right.next;
    right.len = 0;
    if (left.next >= 0) {
      symbols[left.next].prev = at;
      if (!lookup_merge(left.id, symbols[left.next].id, rank[at], made[at])) rank[at] = kNoRank;
    } else {
      rank[at] = kNoRank;
    }
    if (left.prev >= 0 && !lookup_merge(symbols[left.prev].id, left.id, rank[left.prev], made[left.prev])) rank[left.prev] = kNoRank;
  }
}

void Bpe::merge_with_heap(std::vector<Symbol>& symbols) const {
  thread_local std::vector<Candidate> heap;
  heap.clear();
  uint32_t rank = 0, id = 0;
  for (size_t k = 0; k + 1 < symbols.size(); k++)
    if (lookup_merge(symbols[k].id, symbols[k + 1].id, rank, id)) heap.push_back({rank, static_cast<uint32_t>(k), id});
  std::make_heap(heap.begin(), heap.end(), Later());
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), Later());
    const Candidate top = heap.back();
    heap.pop_back();
    Symbol& left = symbols[top.pos];
    if (left.len == 0 || left.next < 0) continue;
    const int32_t right_pos = left.next;
    const Symbol right = symbols[right_pos];
    if (!lookup_merge(left.id, right.id, rank, id) || id != top.id) continue;
    left.id = top.id;
    left.len += right.len;
    left.next = right.next;
    symbols[right_pos].len = 0;
    if (right.next >= 0) symbols[right.next].prev = static_cast<int32_t>(top.pos);
    if (left.prev >= 0 && lookup_merge(symbols[left.prev].id, left.id, rank, id)) {
      heap.push_back({rank, static_cast<uint32_t>(left.prev), id});
      std::push_heap(heap.begin(), heap.end(), Later());
    }
    if (left.next >= 0 && lookup_merge(left.id, symbols[left.next].id, rank, id)) {
      heap.push_back({rank, top.pos, id});
      std::push_heap(heap.begin(), heap.end(), Later());
    }
  }
}

const std::vector<Bpe::Symbol>& Bpe::word_symbols(std::string_view word) const {
  struct Entry {
    uint64_t owner = 0;
    uint64_t hash = 0;
    std::string word;
    std::vector<Symbol> symbols;
  };
  struct State {
    std::vector<Entry> cache = std::vector<Entry>(kCacheSlots);
    std::vector<Symbol> scratch, uncached;
    std::string chars;
  };
  thread_local State state;
  Entry* entry = nullptr;
  if (word.size() <= kCacheMaxWord) {
    const uint64_t hash = bpe_tables::hash_bytes(word.data(), word.size());
    entry = &state.cache[hash & (kCacheSlots - 1)];
    if (entry->owner == serial_ && entry->hash == hash && entry->word == word) return entry->symbols;
    entry->owner = 0;  // invalid until filled (split_word may throw)
    entry->hash = hash;
  }
  std::vector<Symbol>& symbols = state.scratch;
  symbols.clear();
  split_word(word, symbols, state.chars);
  if (!options_.no_merges) merge(symbols);
  std::vector<Symbol>& out = entry ? entry->symbols : state.uncached;
  out.clear();
  for (const Symbol& s : symbols)
    if (s.len != 0) out.push_back(s);
  if (entry) {
    entry->word.assign(word);
    entry->owner = serial_;
  }
  return out;
}

void Bpe::tokenize_ids(std::string_view word, std::vector<uint32_t>& ids) const {
  if (options_.ignore_merges) {
    if (auto id = find_id(word)) {
      ids.push_back(*id);
      return;
    }
  }
  for (const Symbol& s : word_symbols(word)) ids.push_back(s.id);
}

void Bpe::tokenize(std::string_view word, std::vector<WordToken>& tokens) const {
  if (options_.ignore_merges) {
    if (auto id = find_id(word)) {
      tokens.push_back({*id, 0, static_cast<uint32_t>(word.size())});
      return;
    }
  }
  uint32_t at = 0;
  for (const Symbol& s : word_symbols(word)) {
    tokens.push_back({s.id, at, at + s.len});  // may pass the word's end: see byte fallback
    at += s.len;
  }
}

}  // namespace embedkit::tok
