#include "vectors/word_table.h"

#include <cstring>

namespace embedkit::vectors {

namespace {

// The last 1..7 bytes of a word in at most two loads that stay inside [p, p + n). (A memcpy of a variable
// length into a zeroed u64 compiles to byte stores followed by one 8-byte load, which cannot be
// forwarded from the stores: a stall of a dozen cycles on every word.)
inline uint64_t load_tail(const unsigned char* p, size_t n) noexcept {
  if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    return (static_cast<uint64_t>(a) << 32) | b;
  }
  return (static_cast<uint64_t>(p[0]) << 16) | (static_cast<uint64_t>(p[n >> 1]) << 8) | p[n - 1];
}

inline uint64_t mix(uint64_t a, uint64_t b) noexcept {
  const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

// a[0..n) == b[0..n) for the short words a vocabulary is made of, without a call into memcmp: two
// overlapping loads per side cover any length up to 16.
inline bool same_bytes(const char* a, const char* b, size_t n) noexcept {
  if (n >= 8) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    uint64_t a0, a1, b0, b1;
    std::memcpy(&a0, a, 8);
    std::memcpy(&b0, b, 8);
    std::memcpy(&a1, a + n - 8, 8);
    std::memcpy(&b1, b + n - 8, 8);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  if (n >= 4) {
    uint32_t a0, a1, b0, b1;
    std::memcpy(&a0, a, 4);
    std::memcpy(&b0, b, 4);
    std::memcpy(&a1, a + n - 4, 4);
    std::memcpy(&b1, b + n - 4, 4);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  for (size_t i = 0; i < n; i++)
    if (a[i] != b[i]) return false;
  return true;
}

}  // namespace

// The first 8 bytes of a word, as one value that is unique among words of the same length up to 8
// (the slot's tag carries the length): 8+ bytes: the first 8; 4..7: the first and last 4 (they overlap,
// covering every byte); 1..3: load_tail's three bytes.
uint64_t WordTable::inline_key(std::string_view word) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(word.data());
  const size_t n = word.size();
  if (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
  return n ? load_tail(p, n) : 0;
}

// Multiply-fold over 8-byte words (the idea behind wyhash-style hashes): a few cycles for a short word.
uint64_t WordTable::hash(std::string_view word) noexcept {
  constexpr uint64_t k0 = 0xa0761d6478bd642full, k1 = 0xe7037ed1a0b428dbull, k2 = 0x8ebc6af09c88c6e3ull;
  const auto* p = reinterpret_cast<const unsigned char*>(word.data());
  size_t n = word.size();
  uint64_t h = k2 ^ (n * k0);
  while (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = mix(h ^ v, k1);
    p += 8;
    n -= 8;
  }
  if (n) h = mix(h ^ load_tail(p, n), k0);
  return mix(h, k1 ^ word.size());
}

bool WordTable::build(const std::vector<std::string>& words, size_t& duplicate) {
  size_t cap = 16;
  while (cap < words.size() * 2) cap <<= 1;  // load factor <= 1/2: short probe runs
  slots_.assign(cap, Slot{0, 0, 0});
  mask_ = cap - 1;
  size_t bytes = 0;
  for (const auto& w : words) bytes += w.size();
  arena_.clear();
  arena_.reserve(bytes);
  offsets_.clear();
  offsets_.reserve(words.size() + 1);
  for (const auto& w : words) {
    offsets_.push_back(arena_.size());
    arena_.append(w);
  }
  offsets_.push_back(arena_.size());
  for (size_t i = 0; i < words.size(); i++) {
    const uint64_t h = hash(words[i]);
    if (find(words[i], h)) {
      duplicate = i;
      return false;
    }
    uint64_t s = h & mask_;
    while (slots_[s].index != 0) s = (s + 1) & mask_;
    slots_[s] = Slot{tag_of(h, words[i].size()), static_cast<uint32_t>(i + 1), inline_key(words[i])};
  }
  return true;
}

uint32_t WordTable::candidate(uint64_t h) const noexcept {
  if (slots_.empty()) return UINT32_MAX;
  const Slot& s = slots_[h & mask_];
  // The query's length is not known here: only the hash part of the tag is compared.
  return s.index != 0 && (s.tag & kTagHashBits) == (static_cast<uint32_t>(h >> 32) & kTagHashBits) ? s.index - 1 : UINT32_MAX;
}

std::optional<size_t> WordTable::find(std::string_view word, uint64_t h) const noexcept {
  if (slots_.empty()) return std::nullopt;
  const uint32_t tag = tag_of(h, word.size());
  const uint64_t key = inline_key(word);
  for (uint64_t s = h & mask_;; s = (s + 1) & mask_) {
    const Slot& slot = slots_[s];
    if (slot.index == 0) return std::nullopt;
    if (slot.tag != tag || slot.key != key) continue;
    const size_t i = slot.index - 1;
    if (word.size() <= kInlineKey) return i;  // same length (in the tag) and every byte (in the key)
    const size_t len = offsets_[i + 1] - offsets_[i];
    if (len == word.size() && same_bytes(arena_.data() + offsets_[i] + kInlineKey, word.data() + kInlineKey, len - kInlineKey)) return i;
  }
}

}  // namespace embedkit::vectors
