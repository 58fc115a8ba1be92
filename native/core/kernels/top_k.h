// A bounded top-k over (score, index) pairs: a min-heap of the k best seen so far, so a scan over
// n rows costs O(n log k) and never stores all n scores. Order: higher score first; equal scores are
// broken by `tie_less(a, b)` (finalfusion breaks ties by word, ascending).
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace embedkit::kernels {

struct Scored {
  float score;
  uint32_t index;
};

template <typename TieLess>
class TopK {
 public:
  TopK(size_t k, TieLess tie_less) : k_(k), tie_less_(tie_less) { heap_.reserve(k); }

  // True when a ranks before b in the final answer.
  bool better(const Scored& a, const Scored& b) const {
    if (a.score != b.score) return a.score > b.score;
    return tie_less_(a.index, b.index);
  }

  void push(float score, uint32_t index) {
    if (k_ == 0) return;
    Scored s{score, index};
    auto worse_on_top = [this](const Scored& a, const Scored& b) { return better(a, b); };
    if (heap_.size() < k_) {
      heap_.push_back(s);
      std::push_heap(heap_.begin(), heap_.end(), worse_on_top);
    } else if (better(s, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), worse_on_top);
      heap_.back() = s;
      std::push_heap(heap_.begin(), heap_.end(), worse_on_top);
    }
  }

  // Whether k candidates are held already.
  bool full() const noexcept { return heap_.size() == k_; }

  // The score a candidate must reach (>=, ties are decided by push) to enter: the k-th best held,
  // -inf while fewer than k are held, +inf for k = 0. Lets SIMD scans skip the rows that cannot enter.
  float threshold() const noexcept {
    if (k_ == 0) return std::numeric_limits<float>::infinity();
    return heap_.size() < k_ ? -std::numeric_limits<float>::infinity() : heap_.front().score;
  }

  std::vector<Scored> sorted() && {
    std::sort(heap_.begin(), heap_.end(), [this](const Scored& a, const Scored& b) { return better(a, b); });
    return std::move(heap_);
  }

 private:
  size_t k_;
  TieLess tie_less_;
  std::vector<Scored> heap_;
};

}  // namespace embedkit::kernels
