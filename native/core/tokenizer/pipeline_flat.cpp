#include "tokenizer/pipeline_flat.h"

#include <algorithm>

#include "threads/thread_pool.h"
#include "tokenizer/padding.h"
#include "tokenizer/pipeline.h"

namespace embedkit::tok {

void FlatEncodings::append(Encoding&& e) {
  if (!e.overflowing.empty() || !window_counts.empty()) {
    if (window_counts.empty()) window_counts.assign(counts.size(), 0);
    window_counts.push_back(static_cast<uint32_t>(e.overflowing.size()));
    for (Encoding& w : e.overflowing) windows.push_back(std::move(w));
  }
  counts.push_back(static_cast<uint32_t>(e.ids.size()));
  ids.insert(ids.end(), e.ids.begin(), e.ids.end());
  type_ids.insert(type_ids.end(), e.type_ids.begin(), e.type_ids.end());
  attention_mask.insert(attention_mask.end(), e.attention_mask.begin(), e.attention_mask.end());
  special_tokens_mask.insert(special_tokens_mask.end(), e.special_tokens_mask.begin(), e.special_tokens_mask.end());
  for (const Offsets& o : e.offsets) {
    offsets.push_back(o.start);
    offsets.push_back(o.end);
  }
  for (const std::string& t : e.tokens) {
    tokens += t;
    utf16_end += utf16_length(t);
    token_ends.push_back(utf16_end);
  }
}

void FlatEncodings::append(FlatEncodings&& o) {
  if (!o.window_counts.empty() || !window_counts.empty()) {
    if (window_counts.empty()) window_counts.assign(counts.size(), 0);
    if (o.window_counts.empty()) o.window_counts.assign(o.counts.size(), 0);
    window_counts.insert(window_counts.end(), o.window_counts.begin(), o.window_counts.end());
    for (Encoding& w : o.windows) windows.push_back(std::move(w));
  }
  counts.insert(counts.end(), o.counts.begin(), o.counts.end());
  ids.insert(ids.end(), o.ids.begin(), o.ids.end());
  type_ids.insert(type_ids.end(), o.type_ids.begin(), o.type_ids.end());
  offsets.insert(offsets.end(), o.offsets.begin(), o.offsets.end());
  attention_mask.insert(attention_mask.end(), o.attention_mask.begin(), o.attention_mask.end());
  special_tokens_mask.insert(special_tokens_mask.end(), o.special_tokens_mask.begin(), o.special_tokens_mask.end());
  tokens += o.tokens;
  const uint32_t shift = utf16_end;
  for (uint32_t end : o.token_ends) token_ends.push_back(shift + end);
  utf16_end = shift + o.utf16_end;
  o = FlatEncodings();
}

void FlatEncodings::rollback(const Mark& m) {
  tokens.resize(m.tokens_bytes);
  ids.resize(m.count);
  type_ids.resize(m.count);
  offsets.resize(2 * m.count);
  attention_mask.resize(m.count);
  special_tokens_mask.resize(m.count);
  token_ends.resize(m.count);
  utf16_end = m.utf16_end;
}

void pad_flat(FlatEncodings& b, const Padding& p) {
  if (b.counts.empty()) return;
  size_t length = p.length;
  if (p.strategy == Padding::Strategy::BatchLongest) length = *std::max_element(b.counts.begin(), b.counts.end());  // main sequences only, as HF
  if (p.pad_to_multiple_of > 0 && length % p.pad_to_multiple_of > 0) length += p.pad_to_multiple_of - length % p.pad_to_multiple_of;
  for (Encoding& w : b.windows) pad_encoding(w, length, p);
  bool any = false;
  for (uint32_t c : b.counts) any |= c < length;
  if (!any) return;

  // Rebuilt in one pass: each encoding's tokens, with its pad tokens before or after them.
  FlatEncodings out;
  out.windows = std::move(b.windows);
  out.window_counts = std::move(b.window_counts);
  size_t total = 0;
  for (uint32_t c : b.counts) total += std::max<size_t>(c, length);
  out.counts.reserve(b.counts.size());
  out.ids.reserve(total);
  out.type_ids.reserve(total);
  out.offsets.reserve(2 * total);
  out.attention_mask.reserve(total);
  out.special_tokens_mask.reserve(total);
  out.token_ends.reserve(total);
  const uint32_t pad_utf16 = utf16_length(p.pad_token);
  size_t at = 0;        // first token of the encoding
  size_t byte = 0;      // its first byte in b.tokens
  uint32_t unit = 0;    // its first UTF-16 unit
  for (uint32_t n : b.counts) {
    const size_t pads = length > n ? length - n : 0;
    auto pad = [&]() {
      for (size_t k = 0; k < pads; k++) out.push(p.pad_id, p.pad_type_id, 0, 0, p.pad_token, pad_utf16, 1);
      out.attention_mask.resize(out.attention_mask.size() - pads);
      out.attention_mask.insert(out.attention_mask.end(), pads, 0);
    };
    if (p.side == Side::Left) pad();
    // The encoding's bytes in b.tokens: walk its UTF-16 units.
    const uint32_t end_unit = n ? b.token_ends[at + n - 1] : unit;
    size_t end_byte = byte;
    for (uint32_t u = unit; u < end_unit; end_byte++) {
      const uint8_t c = static_cast<uint8_t>(b.tokens[end_byte]);
      if ((c & 0xC0) != 0x80) u += c >= 0xF0 ? 2 : 1;
    }
    while (end_byte < b.tokens.size() && (static_cast<uint8_t>(b.tokens[end_byte]) & 0xC0) == 0x80) end_byte++;
    out.ids.insert(out.ids.end(), b.ids.begin() + at, b.ids.begin() + at + n);
    out.type_ids.insert(out.type_ids.end(), b.type_ids.begin() + at, b.type_ids.begin() + at + n);
    out.offsets.insert(out.offsets.end(), b.offsets.begin() + 2 * at, b.offsets.begin() + 2 * (at + n));
    out.attention_mask.insert(out.attention_mask.end(), b.attention_mask.begin() + at, b.attention_mask.begin() + at + n);
    out.special_tokens_mask.insert(out.special_tokens_mask.end(), b.special_tokens_mask.begin() + at, b.special_tokens_mask.begin() + at + n);
    out.tokens.append(b.tokens, byte, end_byte - byte);
    for (size_t k = 0; k < n; k++) out.token_ends.push_back(out.utf16_end + (b.token_ends[at + k] - unit));
    out.utf16_end += end_unit - unit;
    if (p.side == Side::Right) pad();
    out.counts.push_back(static_cast<uint32_t>(n + pads));
    at += n;
    byte = end_byte;
    unit = end_unit;
  }
  b = std::move(out);
}

FlatEncodings encode_flat_batch(const Tokenizer& tokenizer, const std::vector<std::string_view>& texts,
                                const std::vector<std::string_view>* seconds, const std::vector<uint8_t>* has_pair,
                                const EncodeOptions& options, const std::optional<Padding>& padding, ThreadPool* pool) {
  const auto* pipeline = dynamic_cast<const PipelineTokenizer*>(&tokenizer);
  const size_t n = texts.size();
  auto encode_range = [&](size_t begin, size_t end, FlatEncodings& out) {
    size_t bytes = 0;
    for (size_t i = begin; i < end; i++) bytes += texts[i].size();
    const size_t guess = bytes / 4 + 4 * (end - begin);  // about a token per 4-5 bytes of English
    out.counts.reserve(end - begin);
    out.ids.reserve(guess);
    out.type_ids.reserve(guess);
    out.offsets.reserve(2 * guess);
    out.attention_mask.reserve(guess);
    out.special_tokens_mask.reserve(guess);
    out.token_ends.reserve(guess);
    out.tokens.reserve(bytes + 16 * (end - begin));
    for (size_t i = begin; i < end; i++) {
      const bool pair = seconds && has_pair && (*has_pair)[i];
      if (!pair && pipeline && pipeline->encode_fused(texts[i], options, out)) continue;
      out.append(tokenizer.encode_pair(texts[i], pair ? std::optional<std::string_view>((*seconds)[i]) : std::nullopt, options));
    }
  };
  FlatEncodings out;
  const size_t parts = pool && pool->size() > 1 && n >= 256 ? std::min(n / 64, 4 * pool->size()) : 1;
  if (parts <= 1) {
    encode_range(0, n, out);
  } else {
    std::vector<FlatEncodings> done(parts);
    pool->parallel_for(parts, 1, [&](size_t first, size_t last) {
      for (size_t k = first; k < last; k++) encode_range(k * n / parts, (k + 1) * n / parts, done[k]);
    });
    out = std::move(done[0]);
    for (size_t k = 1; k < parts; k++) out.append(std::move(done[k]));
  }
  if (padding) pad_flat(out, *padding);  // HF's encode_batch pads across the batch
  return out;
}

}  // namespace embedkit::tok
