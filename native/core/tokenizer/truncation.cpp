#include "tokenizer/truncation.h"

#include <algorithm>
#include <utility>

#include "common/error.h"

namespace embedkit::tok {

namespace {

Encoding slice(const Encoding& e, size_t begin, size_t end) {
  auto cut = [&](const auto& v) { return std::decay_t<decltype(v)>(v.begin() + static_cast<std::ptrdiff_t>(begin), v.begin() + static_cast<std::ptrdiff_t>(end)); };
  Encoding out;
  out.ids = cut(e.ids);
  out.type_ids = cut(e.type_ids);
  out.tokens = cut(e.tokens);
  out.offsets = cut(e.offsets);
  out.special_tokens_mask = cut(e.special_tokens_mask);
  out.attention_mask = cut(e.attention_mask);
  return out;
}

}  // namespace

void truncate_encoding(Encoding& e, size_t max_len, size_t stride, Side side) {
  const size_t len = e.ids.size();
  if (max_len >= len) return;
  if (max_len == 0) {
    Encoding all = std::move(e);
    e = Encoding();
    all.overflowing.clear();
    e.overflowing.push_back(std::move(all));
    return;
  }
  if (stride >= max_len)
    throw Error(ErrorKind::Argument, "truncation stride (" + std::to_string(stride) + ") must be less than the length left for the sequence (" +
                                         std::to_string(max_len) + ", max_length minus the special tokens)");
  // Windows of max_len tokens, each starting (max_len - stride) after the previous, from the kept side.
  const size_t step = max_len - stride;
  std::vector<std::pair<size_t, size_t>> parts;
  if (side == Side::Right) {
    for (size_t start = 0; start < len; start += step) {
      const size_t stop = std::min(start + max_len, len);
      parts.emplace_back(start, stop);
      if (stop == len) break;
    }
  } else {
    // HF: stops = len-1, len-1-step, ... (each +1); a window starts max_len before its stop, or at 0.
    for (size_t s = len; s-- > 0;) {
      const size_t stop = s + 1;
      const size_t start = stop < max_len ? 0 : stop - max_len;
      if (start < stop) parts.emplace_back(start, stop);
      if (start == 0) break;
      if (s < step) break;
      s -= step - 1;
    }
  }
  Encoding kept = slice(e, parts[0].first, parts[0].second);
  for (size_t i = 1; i < parts.size(); i++) kept.overflowing.push_back(slice(e, parts[i].first, parts[i].second));
  e = std::move(kept);
}

void truncate_encodings(Encoding& first, Encoding* second, const Truncation& params) {
  if (params.max_length == 0) {
    truncate_encoding(first, 0, params.stride, params.side);
    if (second) truncate_encoding(*second, 0, params.stride, params.side);
    return;
  }
  const size_t total = first.ids.size() + (second ? second->ids.size() : 0);
  if (total <= params.max_length) return;
  const size_t to_remove = total - params.max_length;
  if (params.strategy == Truncation::Strategy::LongestFirst) {
    if (!second) {
      truncate_encoding(first, total - to_remove, params.stride, params.side);
      return;
    }
    // The shorter keeps what it can; the odd token of an even split goes to the longer (or the second).
    size_t n1 = first.ids.size(), n2 = second->ids.size();
    const bool swap = n1 > n2;
    if (swap) std::swap(n1, n2);
    const size_t max = params.max_length;
    n2 = n1 > max ? n1 : std::max(n1, max - n1);
    if (n1 + n2 > max) {
      n1 = max / 2;
      n2 = n1 + max % 2;
    }
    if (swap) std::swap(n1, n2);
    truncate_encoding(first, n1, params.stride, params.side);
    truncate_encoding(*second, n2, params.stride, params.side);
    return;
  }
  Encoding* target = &first;
  if (params.strategy == Truncation::Strategy::OnlySecond) {
    if (!second) throw Error(ErrorKind::Argument, "truncation strategy OnlySecond needs a second sequence (a pair)");
    target = second;
  }
  const size_t n = target->ids.size();
  if (n <= to_remove)
    throw Error(ErrorKind::Argument, std::string("the ") + (target == &first ? "first" : "second") +
                                         " sequence is too short to truncate to max_length " + std::to_string(params.max_length) +
                                         " (it has " + std::to_string(n) + " tokens, " + std::to_string(to_remove) + " must go)");
  truncate_encoding(*target, n - to_remove, params.stride, params.side);
}

}  // namespace embedkit::tok
