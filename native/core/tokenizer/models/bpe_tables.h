// Flat open-addressing hash tables for BPE's two hot lookups: token bytes -> id and (left id, right id)
// -> (merge rank, merged id). std::unordered_map chases a pointer per lookup and hashes strings
// byte by byte; these keep one 16-byte slot per entry in one array (linear probing, load <= 1/2), so a
// lookup is usually one cache line. Built once at load, read-only afterwards (safe across threads).
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace embedkit::tok::bpe_tables {

inline uint64_t mix64(uint64_t x) {
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  return x;
}

inline uint64_t load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint64_t load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// Hash of a short byte string, 8 bytes per step; the tail is read with overlapping loads (the length
// is mixed in, so two strings that read the same words still differ).
inline uint64_t hash_bytes(const char* p, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xff51afd7ed558ccdULL);
  size_t left = n;
  while (left >= 8) {
    h = (h ^ load64(p)) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    p += 8;
    left -= 8;
  }
  uint64_t v = 0;
  if (left >= 4) v = load32(p) | (load32(p + left - 4) << 32);
  else if (left > 0) v = static_cast<uint8_t>(p[0]) | (static_cast<uint64_t>(static_cast<uint8_t>(p[left / 2])) << 8) | (static_cast<uint64_t>(static_cast<uint8_t>(p[left - 1])) << 16);
  h = (h ^ v) * 0x94d049bb133111ebULL;
  return mix64(h);
}

inline size_t table_capacity(size_t n) {
  size_t cap = 16;
  while (cap < n * 2) cap <<= 1;
  return cap;
}

// token bytes -> id. The bytes live in one pool; a slot keeps 32 bits of the hash to skip most
// comparisons.
class StringIds {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;

  void build(const std::vector<std::pair<std::string, uint32_t>>& entries) {
    pool_.clear();
    for (const auto& e : entries) pool_ += e.first;
    slots_.assign(table_capacity(entries.size()), Slot{0, 0, 0, kNone});
    mask_ = slots_.size() - 1;
    uint32_t at = 0;
    for (const auto& e : entries) {
      const uint32_t len = static_cast<uint32_t>(e.first.size());
      insert(at, len, e.second);
      at += len;
    }
  }

  uint32_t find(std::string_view s) const {
    const uint64_t h = hash_bytes(s.data(), s.size());
    const uint32_t tag = static_cast<uint32_t>(h >> 32);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.id == kNone) return kNone;
      if (slot.tag == tag && slot.len == s.size() && std::memcmp(pool_.data() + slot.offset, s.data(), s.size()) == 0) return slot.id;
    }
  }

 private:
  struct Slot {
    uint32_t tag, offset, len, id;
  };
  void insert(uint32_t offset, uint32_t len, uint32_t id) {
    const uint64_t h = hash_bytes(pool_.data() + offset, len);
    const uint32_t tag = static_cast<uint32_t>(h >> 32);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.id == kNone) {
        slot = {tag, offset, len, id};
        return;
      }
      if (slot.tag == tag && slot.len == len && std::memcmp(pool_.data() + slot.offset, pool_.data() + offset, len) == 0) {
        slot.id = id;  // entries are unique; kept for safety: the last id wins, as in the vocabulary
        return;
      }
    }
  }
  std::string pool_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

// (left id, right id) -> (rank, merged id).
class PairRanks {
 public:
  static constexpr uint64_t kEmpty = ~0ULL;

  void reserve(size_t n) {
    slots_.assign(table_capacity(n), Slot{kEmpty, 0, 0});
    mask_ = slots_.size() - 1;
  }
  // A pair already present takes the new rank and id (HF keeps the last of repeated merges).
  void set(uint32_t a, uint32_t b, uint32_t rank, uint32_t id) {
    const uint64_t key = (static_cast<uint64_t>(a) << 32) | b;
    for (size_t i = mix64(key) & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.key == kEmpty || slot.key == key) {
        slot = {key, rank, id};
        return;
      }
    }
  }
  bool find(uint32_t a, uint32_t b, uint32_t& rank, uint32_t& id) const {
    const uint64_t key = (static_cast<uint64_t>(a) << 32) | b;
    for (size_t i = mix64(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.key == key) {
        rank = slot.rank;
        id = slot.id;
        return true;
      }
      if (slot.key == kEmpty) return false;
    }
  }

 private:
  struct Slot {
    uint64_t key;
    uint32_t rank, id;
  };
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

}  // namespace embedkit::tok::bpe_tables
