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
  std::optional<size_t> find(std::string_view word, uint64_t h) const noexcept;
  std::optional<size_t> find(std::string_view word) const noexcept { return find(word, hash(word)); }

 private:
  struct Slot {
    uint32_t tag;    // high 32 bits of the hash
    uint32_t index;  // word index + 1; 0 = empty
  };
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  std::string arena_;              // every word's bytes, back to back
  std::vector<uint64_t> offsets_;  // word i = arena_[offsets_[i], offsets_[i + 1])
};

}  // namespace embedkit::vectors
