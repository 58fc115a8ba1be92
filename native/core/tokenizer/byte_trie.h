// A double-array trie over byte strings: longest-prefix lookup walks one array slot per input byte with
// no hashing and no allocation. Used for WordPiece vocabularies and for added-token matching.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace embedkit::tok {

class ByteTrie {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;

  // Builds from (key, value) pairs; a repeated key keeps its last value; empty keys are ignored.
  void build(const std::vector<std::pair<std::string_view, uint32_t>>& entries);

  bool empty() const noexcept { return keys_ == 0; }
  size_t size() const noexcept { return keys_; }

  // Length of the longest key that is a prefix of s[0, n) (0 when none), its value in `value`.
  size_t longest_prefix(const char* s, size_t n, uint32_t& value) const noexcept {
    const Unit* u = units_.data();
    uint32_t state = 0;
    size_t best = 0;
    for (size_t i = 0; i < n; i++) {
      const uint32_t next = u[state].base + static_cast<uint8_t>(s[i]);
      if (u[next].check != state) break;
      state = next;
      if (u[state].value != kNone) {
        best = i + 1;
        value = u[state].value;
      }
    }
    return best;
  }

  // Calls fn(length, value) for every key that is a prefix of s[0, n), shortest first.
  template <class Fn>
  void for_each_prefix(const char* s, size_t n, Fn&& fn) const {
    const Unit* u = units_.data();
    uint32_t state = 0;
    for (size_t i = 0; i < n; i++) {
      const uint32_t next = u[state].base + static_cast<uint8_t>(s[i]);
      if (next >= units_.size() || u[next].check != state) return;
      state = next;
      if (u[state].value != kNone) fn(i + 1, u[state].value);
    }
  }

  // Exact lookup.
  bool find(std::string_view key, uint32_t& value) const noexcept {
    if (key.empty() || units_.empty()) return false;
    const Unit* u = units_.data();
    uint32_t state = 0;
    for (char c : key) {
      const uint32_t next = u[state].base + static_cast<uint8_t>(c);
      if (u[next].check != state) return false;
      state = next;
    }
    if (u[state].value == kNone) return false;
    value = u[state].value;
    return true;
  }

  size_t memory_bytes() const noexcept { return units_.size() * sizeof(Unit); }

 private:
  struct Unit {
    uint32_t base = 0;       // children of this state live at base + byte
    uint32_t check = kNone;  // parent state of this slot (kNone: free)
    uint32_t value = kNone;  // value when a key ends here
  };
  std::vector<Unit> units_{1};
  size_t keys_ = 0;
};

}  // namespace embedkit::tok
