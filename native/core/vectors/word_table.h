// The word -> index table of a vocabulary: open addressing over one flat array of 8-byte slots, the
// words' bytes in one arena. Built for batched lookups: hash() once per word, prefetch() the slot, and
// find() a few words later, so the cache misses of many words overlap instead of adding up (a
// node-based std::unordered_map costs two or three dependent misses per word).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace embedkit::vectors {

class WordTable {
 public:
  WordTable() = default;
  // Returns false, with `duplicate` set to the index of the first repeated word, if a word repeats.
  bool build(const std::vector<std::string>& words, size_t& duplicate);

  static uint64_t hash(std::string_view word) noexcept;
  void prefetch(uint64_t h) const noexcept {
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & mask_]);
  }
  // Prefetches where word `index`'s bytes are recorded (its offsets), then, a few words later, the bytes
  // themselves (prefetch_word reads the offsets, so it should find them cached).
  void prefetch_offsets(uint32_t index) const noexcept { __builtin_prefetch(&offsets_[index]); }
  void prefetch_word(uint32_t index) const noexcept { __builtin_prefetch(arena_.data() + offsets_[index]); }
  // The slot's candidate index for `h` without comparing bytes (or UINT32_MAX): lets a caller prefetch
  // the row before find() confirms.
  uint32_t candidate(uint64_t h) const noexcept;
  // Whether find() for a word of `length` bytes reads the word's bytes from the arena (only words longer
  // than a slot's inline key do): a caller prefetches them only then.
  static bool reads_arena(size_t length) noexcept { return length > kInlineKey; }
  std::optional<size_t> find(std::string_view word, uint64_t h) const noexcept;
  std::optional<size_t> find(std::string_view word) const noexcept { return find(word, hash(word)); }

 private:
  static constexpr size_t kInlineKey = 8;
  // A slot holds the word's first 8 bytes (see inline_key), so find() settles a word of up to 8 bytes
  // (most of running text) from the slot's cache line alone, instead of two more dependent misses on
  // the offsets and the arena.
  struct Slot {
    uint32_t tag;    // the top 24 bits of the hash, then the length (capped at 255) in the low 8 bits
    uint32_t index;  // word index + 1; 0 = empty
    uint64_t key;    // inline_key(word)
  };
  static constexpr uint32_t kTagHashBits = 0xFFFFFF00u;  // the part of a tag that comes from the hash
  static uint32_t tag_of(uint64_t h, size_t length) noexcept {
    return (static_cast<uint32_t>(h >> 32) & kTagHashBits) | static_cast<uint32_t>(length < 255 ? length : 255);
  }
  static uint64_t inline_key(std::string_view word) noexcept;
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  std::string arena_;              // every word's bytes, back to back
  std::vector<uint64_t> offsets_;  // word i = arena_[offsets_[i], offsets_[i + 1])
};

}  // namespace embedkit::vectors
