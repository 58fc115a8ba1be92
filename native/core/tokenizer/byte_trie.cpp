#include "tokenizer/byte_trie.h"

#include <algorithm>
#include <numeric>

namespace embedkit::tok {

void ByteTrie::build(const std::vector<std::pair<std::string_view, uint32_t>>& entries) {
  // Sort keys (ties by input order so that the last duplicate wins), drop empties and duplicates.
  std::vector<uint32_t> order(entries.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return entries[a].first < entries[b].first; });
  std::vector<std::pair<std::string_view, uint32_t>> keys;
  keys.reserve(entries.size());
  for (uint32_t i : order) {
    const auto& e = entries[i];
    if (e.first.empty()) continue;
    if (!keys.empty() && keys.back().first == e.first) keys.back().second = e.second;
    else keys.push_back(e);
  }
  keys_ = keys.size();

  // Slots are handed out from a doubly linked list of free slots. As in darts-clone, only the last
  // kOpenBlocks blocks of 256 slots stay open for the search; older free slots are given up (a little
  // memory) so that the search for a base never scans the whole array.
  constexpr size_t kBlock = 256;
  constexpr size_t kOpenBlocks = 16;
  units_.clear();
  std::vector<uint32_t> next_free, prev_free;  // per slot, valid while the slot is free and open
  uint32_t head = kNone;                       // first open free slot
  size_t open_from = 0;                        // slots below this are closed
  auto unlink = [&](uint32_t slot) {
    const uint32_t p = prev_free[slot], n = next_free[slot];
    if (p == kNone) head = n;
    else next_free[p] = n;
    if (n != kNone) prev_free[n] = p;
  };
  auto grow = [&]() {  // appends one block of free slots, closing the oldest open block if needed
    const size_t begin = units_.size();
    units_.resize(begin + kBlock, Unit{});
    next_free.resize(begin + kBlock);
    prev_free.resize(begin + kBlock);
    uint32_t tail = kNone;
    for (uint32_t p = head; p != kNone; p = next_free[p]) tail = p;
    for (size_t i = begin; i < begin + kBlock; i++) {
      const uint32_t slot = static_cast<uint32_t>(i);
      prev_free[slot] = tail;
      next_free[slot] = kNone;
      if (tail == kNone) head = slot;
      else next_free[tail] = slot;
      tail = slot;
    }
    if (units_.size() / kBlock > kOpenBlocks) {
      const size_t close_to = units_.size() - kOpenBlocks * kBlock;
      for (size_t i = open_from; i < close_to; i++)
        if (units_[i].check == kNone) unlink(static_cast<uint32_t>(i));
      open_from = std::max(open_from, close_to);
    }
  };
  auto take = [&](size_t slot, uint32_t parent) {
    while (slot + kBlock >= units_.size()) grow();  // keep base + 255 addressable for every state
    if (slot >= open_from) unlink(static_cast<uint32_t>(slot));
    units_[slot].check = parent;
  };
  grow();
  take(0, kNone - 1);  // the root is never a child

  struct Task {
    uint32_t state;
    size_t lo, hi, depth;  // keys[lo, hi) share the first `depth` bytes; this state spells them
  };
  std::vector<Task> stack;
  stack.push_back({0, 0, keys.size(), 0});
  std::vector<uint8_t> labels;
  std::vector<std::pair<size_t, size_t>> groups;
  while (!stack.empty()) {
    Task t = stack.back();
    stack.pop_back();
    size_t lo = t.lo;
    if (lo < t.hi && keys[lo].first.size() == t.depth) {
      units_[t.state].value = keys[lo].second;
      lo++;
    }
    if (lo == t.hi) continue;
    labels.clear();
    groups.clear();
    for (size_t i = lo; i < t.hi;) {
      const uint8_t c = static_cast<uint8_t>(keys[i].first[t.depth]);
      size_t j = i + 1;
      while (j < t.hi && static_cast<uint8_t>(keys[j].first[t.depth]) == c) j++;
      labels.push_back(c);
      groups.emplace_back(i, j);
      i = j;
    }
    // The first open free slot that can hold the first label, with the other labels' slots free too.
    auto fits = [&](size_t base) {
      for (uint8_t c : labels) {
        const size_t slot = base + c;
        if (slot < units_.size() && (units_[slot].check != kNone || slot < open_from)) return false;
      }
      return true;
    };
    size_t base = 0;
    for (uint32_t f = head; f != kNone; f = next_free[f]) {
      if (f > labels[0] && fits(f - labels[0])) {
        base = f - labels[0];
        break;
      }
    }
    if (base == 0) base = std::max<size_t>(units_.size(), labels[0] + 1) - labels[0];  // past the end: all free
    units_[t.state].base = static_cast<uint32_t>(base);
    for (size_t k = 0; k < labels.size(); k++) {
      const uint32_t child = static_cast<uint32_t>(base + labels[k]);
      take(child, t.state);
      stack.push_back({child, groups[k].first, groups[k].second, t.depth + 1});
    }
  }
  // Leaves keep base 0: their "children" slots 0..255 never name them as parent.
  units_.shrink_to_fit();
}

}  // namespace embedkit::tok
