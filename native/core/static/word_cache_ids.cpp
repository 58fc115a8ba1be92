#include "static/word_cache_ids.h"

#include <atomic>
#include <cstring>
#include <string>

#include "common/huge_pages.h"
#include "text/unicode.h"
#include "tokenizer/models/wordpiece.h"
#include "tokenizer/normalizers/bert_normalizer.h"
#include "tokenizer/pipeline.h"

#if defined(__SSE2__) || defined(_M_X64)
#include <immintrin.h>
#define EMBEDKIT_WORD_CACHE_SSE2 1
#endif

namespace embedkit::static_model {

namespace {

constexpr size_t kSlotBits = 16;  // 65536 slots x 64 bytes: 4 MiB per thread (about 94% hits on WordNet glosses)
constexpr size_t kSlots = size_t{1} << kSlotBits;
constexpr size_t kKeyBytes = 32;  // words of up to 31 bytes are cached (the run scan needs one byte past)
constexpr uint32_t kMaxCachedIds = 7;

// One cache line: the lowercased word, zero-padded (a word byte is never 0, so the padding encodes the
// length and an empty slot never matches), and its ids.
struct alignas(64) Slot {
  uint8_t key[kKeyBytes];
  uint32_t ids[kMaxCachedIds];
  uint32_t count;
};
static_assert(sizeof(Slot) == 64, "one slot per cache line");

// Two models per thread before one evicts the other; a cache is cleared when it changes owner.
struct ThreadCache {
  uint64_t owner = 0;
  uint64_t used = 0;
  HugeBlock memory;
  Slot* slots = nullptr;
};
thread_local ThreadCache tl_caches[2];
thread_local uint64_t tl_clock = 0;

Slot* thread_slots(uint64_t serial) {
  tl_clock++;
  ThreadCache* pick = &tl_caches[0];
  for (ThreadCache& c : tl_caches) {
    if (c.owner == serial) {
      c.used = tl_clock;
      return c.slots;
    }
    if (c.used < pick->used) pick = &c;
  }
  if (!pick->slots) {
    pick->memory = allocate_huge(kSlots * sizeof(Slot));
    pick->slots = reinterpret_cast<Slot*>(pick->memory.get());
  }
  std::memset(static_cast<void*>(pick->slots), 0, kSlots * sizeof(Slot));
  pick->owner = serial;
  pick->used = tl_clock;
  return pick->slots;
}

std::atomic<uint64_t> next_serial{1};

inline bool is_alnum(uint8_t b) noexcept {
  return (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
}

inline size_t slot_index(uint64_t lo, uint64_t hi, uint64_t len) noexcept {
  uint64_t h = (lo ^ (len << 56)) * 0x9E3779B97F4A7C15ull;
  h ^= hi * 0xC2B2AE3D27D4EB4Full;
  h ^= h >> 31;
  h *= 0xFF51AFD7ED558CCDull;
  return static_cast<size_t>(h >> (64 - kSlotBits));
}

}  // namespace

WordCacheIds::WordCacheIds(std::shared_ptr<const tok::Tokenizer> tokenizer, bool lowercase)
    : tokenizer_(std::move(tokenizer)), lowercase_(lowercase), serial_(next_serial.fetch_add(1)) {}

std::unique_ptr<const WordCacheIds> WordCacheIds::create(std::shared_ptr<const tok::Tokenizer> tokenizer) {
  const auto* pipeline = dynamic_cast<const tok::PipelineTokenizer*>(tokenizer.get());
  if (!pipeline) return nullptr;
  const tok::BertNormalizer* bert = pipeline->bert_ascii_normalizer();
  if (!bert) return nullptr;
  const bool clean = bert->clean_text();
  auto out = std::make_unique<WordCacheIds>(tokenizer, bert->lowercase());
  for (int b = 0; b < 256; b++) {
    uint8_t cls = WordCacheIds::kOther;
    if (b < 128) {
      const uint16_t f = text::ascii_flags[b];
      if (f & text::kWhitespace) cls = WordCacheIds::kSpace;
      else if (f & text::kPunctuation) cls = WordCacheIds::kPunct;
      else if (f & text::kCleanRemoved) cls = WordCacheIds::kOther;  // deleted (clean) or a word byte: the slow span
      else cls = WordCacheIds::kWord;
      // The vector scan takes [0-9A-Za-z] as the word bytes: the flags must say the same.
      if ((cls == WordCacheIds::kWord) != is_alnum(static_cast<uint8_t>(b))) return nullptr;
    }
    out->byte_class_[b] = cls;
    const auto& added = pipeline->added_vocabulary();
    if (added.raw_may_start_with(static_cast<uint8_t>(b))) {
      // A raw added token starting inside a word would split it; punctuation always ends a word.
      if (cls != WordCacheIds::kPunct) return nullptr;
      out->added_first_.push_back(static_cast<uint8_t>(b));
    }
  }
  (void)clean;
  out->added_ = &pipeline->added_vocabulary();
  out->wordpiece_ = pipeline->bert_ascii_wordpiece();
  // Punctuation is its own word: its ids, once.
  std::vector<uint32_t> ids;
  for (int b = 0; b < 128; b++) {
    if (out->byte_class_[b] != WordCacheIds::kPunct) continue;
    ids.clear();
    const char c = static_cast<char>(b);
    tokenizer->encode_ids(std::string_view(&c, 1), false, ids);
    if (ids.size() > 2) return nullptr;
    out->punct_count_[b] = static_cast<uint8_t>(ids.size());
    for (size_t k = 0; k < ids.size(); k++) out->punct_ids_[b][k] = ids[k];
  }
  return out;
}

namespace {

// A word's cache key: its bytes (lowercased when the normalizer lowercases), zero-padded to 32, and the
// slot it hashes to.
struct Key {
  alignas(16) uint8_t bytes[kKeyBytes];
};

#ifdef EMBEDKIT_WORD_CACHE_SSE2
// The last bytes of a text (fewer than 32), zero-extended, without reading past the text: one masked
// load (it never faults on the masked-off bytes). Copying them to a padded buffer instead cost a
// store-forwarding stall on every word near a text's end: a fifth of the scan on short texts.
__attribute__((target("avx512f,avx512bw,avx512vl"))) void load_tail_avx512(const uint8_t* p, size_t avail, __m128i& a, __m128i& c) {
  const __mmask32 k = static_cast<__mmask32>((uint64_t{1} << avail) - 1);
  const __m256i v = _mm256_maskz_loadu_epi8(k, p);
  a = _mm256_castsi256_si128(v);
  c = _mm256_extracti128_si256(v, 1);
}

bool has_avx512bw() {
  static const bool yes = __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
  return yes;
}
#endif

// The run of [0-9A-Za-z] at src (32 readable bytes): its length (kKeyBytes: 32 or more), and when
// shorter, its key and hash inputs.
inline size_t scan_run(const uint8_t* src, size_t avail, uint8_t* tail, bool lowercase, Key& key, uint64_t& lo, uint64_t& hi) noexcept {
#ifdef EMBEDKIT_WORD_CACHE_SSE2
  __m128i a, c;
  if (avail >= kKeyBytes) {
    a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src));
    c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 16));
  } else if (has_avx512bw()) {
    load_tail_avx512(src, avail, a, c);
  } else {
    // Near the end, a zero-padded copy, so no read passes the text (0 is not a word byte).
    std::memset(tail, 0, 2 * kKeyBytes);
    std::memcpy(tail, src, avail);
    a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(tail));
    c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(tail + 16));
  }
  auto alnum = [](__m128i v) {
    // Signed compares: bytes >= 0x80 are negative and fail both ranges.
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    const __m128i l = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(l, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(l, _mm_set1_epi8('z' + 1)));
    return static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(digit, alpha)));
  };
  const uint32_t mask = alnum(a) | (alnum(c) << 16);
  if (mask == 0xFFFFFFFFu) return kKeyBytes;
  const size_t len = static_cast<size_t>(__builtin_ctz(~mask));
  // Lowercase (|0x20 is exact on [0-9A-Za-z]) and zero the bytes past the word.
  alignas(16) static const uint8_t kOnes[64] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
  const __m128i lower = _mm_set1_epi8(lowercase ? 0x20 : 0);
  const __m128i k0 = _mm_and_si128(_mm_or_si128(a, lower), _mm_loadu_si128(reinterpret_cast<const __m128i*>(kOnes + 32 - len)));
  const __m128i k1 = _mm_and_si128(_mm_or_si128(c, lower), _mm_loadu_si128(reinterpret_cast<const __m128i*>(kOnes + 48 - len)));
  _mm_store_si128(reinterpret_cast<__m128i*>(key.bytes), k0);
  _mm_store_si128(reinterpret_cast<__m128i*>(key.bytes + 16), k1);
  lo = static_cast<uint64_t>(_mm_cvtsi128_si64(k0));
  hi = static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(k0, k0))) ^ static_cast<uint64_t>(_mm_cvtsi128_si64(k1));
  return len;
#else
  (void)tail;
  size_t len = 0;
  while (len < kKeyBytes && len < avail && is_alnum(src[len])) len++;
  if (len == kKeyBytes) return len;
  std::memset(key.bytes, 0, kKeyBytes);
  for (size_t k = 0; k < len; k++) key.bytes[k] = lowercase ? static_cast<uint8_t>(src[k] | 0x20) : src[k];
  uint64_t h[4];
  std::memcpy(h, key.bytes, kKeyBytes);
  lo = h[0];
  hi = h[1] ^ h[2] ^ h[3];
  return len;
#endif
}

inline bool same_key(const Slot& slot, const Key& key) noexcept {
#ifdef EMBEDKIT_WORD_CACHE_SSE2
  const __m128i s0 = _mm_load_si128(reinterpret_cast<const __m128i*>(slot.key));
  const __m128i s1 = _mm_load_si128(reinterpret_cast<const __m128i*>(slot.key + 16));
  const __m128i k0 = _mm_load_si128(reinterpret_cast<const __m128i*>(key.bytes));
  const __m128i k1 = _mm_load_si128(reinterpret_cast<const __m128i*>(key.bytes + 16));
  return _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(s0, k0), _mm_cmpeq_epi8(s1, k1))) == 0xFFFF;
#else
  return std::memcmp(slot.key, key.bytes, kKeyBytes) == 0;
#endif
}

// What the scan found, resolved in a second pass: the scan prefetches every word's slot first, so a
// text's cache misses overlap instead of coming one after another.
struct Item {
  uint32_t begin, end;  // bytes of the text
  uint32_t slot;        // kWordItem: slot index, key in keys[k]
  uint8_t kind;
};
enum : uint8_t { kWordItem, kPunctItem, kSlowItem };
constexpr size_t kBlock = 32;

}  // namespace

bool WordCacheIds::encode_ids(std::string_view text, size_t max_ids, std::vector<uint32_t>& ids) const {
  for (uint8_t b : added_first_) {
    if (!std::memchr(text.data(), b, text.size())) continue;
    // Mail and code hold '[' often, [CLS] almost never: ask the added vocabulary itself.
    thread_local std::vector<tok::AddedVocabulary::Match> matches;
    matches.clear();
    added_->find(text, false, matches);
    if (!matches.empty()) return false;
    break;
  }
  Slot* const slots = thread_slots(serial_);
  const uint8_t* const p = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  alignas(16) uint8_t tail[2 * kKeyBytes];
  Item items[kBlock];
  Key keys[kBlock];
  size_t i = 0;
  while (i < n) {
    // Scan: up to kBlock items.
    size_t count = 0;
    while (i < n && count < kBlock) {
      const uint8_t b = p[i];
      const uint8_t cls = byte_class_[b];
      if (cls == kSpace) {
        i++;
        continue;
      }
      Item& item = items[count];
      item.begin = static_cast<uint32_t>(i);
      if (cls == kPunct) {
        item.kind = kPunctItem;
        item.end = static_cast<uint32_t>(++i);
        count++;
        continue;
      }
      if (cls == kWord) {
        uint64_t lo = 0, hi = 0;
        const size_t len = scan_run(p + i, n - i, tail, lowercase_, keys[count], lo, hi);
        const size_t e = i + len;
        // A plain word: a short run that ends the text or ends at whitespace or punctuation.
        if (len < kKeyBytes && (e == n || byte_class_[p[e]] == kSpace || byte_class_[p[e]] == kPunct)) {
          item.kind = kWordItem;
          item.end = static_cast<uint32_t>(e);
          item.slot = static_cast<uint32_t>(slot_index(lo, hi, len));
          __builtin_prefetch(&slots[item.slot]);
          i = e;
          count++;
          continue;
        }
      }
      // Control chars, non-ASCII, a word of 32+ bytes: the tokenizer up to the next whitespace.
      size_t e = i;
      while (e < n && byte_class_[p[e]] != kSpace) e++;
      item.kind = kSlowItem;
      item.end = static_cast<uint32_t>(e);
      i = e;
      count++;
    }
    // Resolve, in text order.
    for (size_t k = 0; k < count; k++) {
      const Item& item = items[k];
      if (item.kind == kWordItem) {
        Slot& slot = slots[item.slot];
        if (same_key(slot, keys[k])) {
          for (uint32_t t = 0; t < slot.count; t++) ids.push_back(slot.ids[t]);
        } else {
          // What the tokenizer's fused path does with a [0-9A-Za-z] word: WordPiece on its normalized
          // bytes, which are the key.
          const size_t before = ids.size();
          wordpiece_->tokenize_ids(std::string_view(reinterpret_cast<const char*>(keys[k].bytes), item.end - item.begin), ids);
          const size_t got = ids.size() - before;
          if (got >= 1 && got <= kMaxCachedIds) {
            std::memcpy(slot.key, keys[k].bytes, kKeyBytes);
            std::memcpy(slot.ids, ids.data() + before, got * sizeof(uint32_t));
            slot.count = static_cast<uint32_t>(got);
          }
        }
      } else if (item.kind == kPunctItem) {
        const uint8_t b = p[item.begin];
        for (uint32_t t = 0; t < punct_count_[b]; t++) ids.push_back(punct_ids_[b][t]);
      } else {
        tokenizer_->encode_ids(text.substr(item.begin, item.end - item.begin), false, ids);
      }
      if (ids.size() >= max_ids) return true;
    }
  }
  return true;
}

}  // namespace embedkit::static_model
