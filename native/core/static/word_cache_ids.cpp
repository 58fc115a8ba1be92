#include "static/word_cache_ids.h"

#include <atomic>
#include <cstring>
#include <string>

#include "text/unicode.h"
#include "tokenizer/normalizers/bert_normalizer.h"
#include "tokenizer/pipeline.h"

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define EMBEDKIT_WORD_CACHE_SSE2 1
#endif

namespace embedkit::static_model {

namespace {

constexpr size_t kSlotBits = 13;  // 8192 slots x 64 bytes: 512 KiB per thread, fits in L2 beside the rows
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
  std::unique_ptr<Slot[]> slots;
};
thread_local ThreadCache tl_caches[2];
thread_local uint64_t tl_clock = 0;

Slot* thread_slots(uint64_t serial) {
  tl_clock++;
  ThreadCache* pick = &tl_caches[0];
  for (ThreadCache& c : tl_caches) {
    if (c.owner == serial) {
      c.used = tl_clock;
      return c.slots.get();
    }
    if (c.used < pick->used) pick = &c;
  }
  if (!pick->slots) pick->slots.reset(new Slot[kSlots]);
  std::memset(static_cast<void*>(pick->slots.get()), 0, kSlots * sizeof(Slot));
  pick->owner = serial;
  pick->used = tl_clock;
  return pick->slots.get();
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

size_t WordCacheIds::slow_span(std::string_view text, size_t begin, std::vector<uint32_t>& ids) const {
  size_t end = begin;
  while (end < text.size() && byte_class_[static_cast<uint8_t>(text[end])] != kSpace) end++;
  tokenizer_->encode_ids(text.substr(begin, end - begin), false, ids);
  return end;
}

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
  alignas(16) uint8_t key[kKeyBytes];
  size_t i = 0;
  while (i < n) {
    const uint8_t b = p[i];
    const uint8_t cls = byte_class_[b];
    if (cls == kSpace) {
      i++;
      continue;
    }
    if (cls == kPunct) {
      for (uint32_t k = 0; k < punct_count_[b]; k++) ids.push_back(punct_ids_[b][k]);
      i++;
      if (ids.size() >= max_ids) return true;
      continue;
    }
    if (cls == kWord) {
      // The run of [0-9A-Za-z] starting here, read 32 bytes at a time (from a zero-padded copy near the
      // end, so no read passes the text).
      const uint8_t* src = p + i;
      if (n - i < kKeyBytes) {
        std::memset(tail, 0, sizeof(tail));
        std::memcpy(tail, p + i, n - i);
        src = tail;
      }
      size_t len;
      uint64_t lo, hi;
#ifdef EMBEDKIT_WORD_CACHE_SSE2
      const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src));
      const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 16));
      auto alnum = [](__m128i v) {
        // Signed compares: bytes >= 0x80 are negative and fail both ranges.
        const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        const __m128i l = _mm_or_si128(v, _mm_set1_epi8(0x20));
        const __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(l, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(l, _mm_set1_epi8('z' + 1)));
        return static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(digit, alpha)));
      };
      const uint32_t mask = alnum(a) | (alnum(c) << 16);
      len = mask == 0xFFFFFFFFu ? kKeyBytes : static_cast<size_t>(__builtin_ctz(~mask));
      if (len < kKeyBytes) {
        // Lowercase (|0x20 is exact on [0-9A-Za-z]) and zero the bytes past the word.
        static const uint8_t kOnes[64] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                          0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
        const __m128i lower = _mm_set1_epi8(lowercase_ ? 0x20 : 0);
        const __m128i k0 = _mm_and_si128(_mm_or_si128(a, lower), _mm_loadu_si128(reinterpret_cast<const __m128i*>(kOnes + 32 - len)));
        const __m128i k1 = _mm_and_si128(_mm_or_si128(c, lower), _mm_loadu_si128(reinterpret_cast<const __m128i*>(kOnes + 48 - len)));
        _mm_store_si128(reinterpret_cast<__m128i*>(key), k0);
        _mm_store_si128(reinterpret_cast<__m128i*>(key + 16), k1);
        lo = static_cast<uint64_t>(_mm_cvtsi128_si64(k0));
        hi = static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(k0, k0))) ^ static_cast<uint64_t>(_mm_cvtsi128_si64(k1));
      }
#else
      len = 0;
      while (len < kKeyBytes && is_alnum(src[len])) len++;
      if (len < kKeyBytes) {
        std::memset(key, 0, sizeof(key));
        for (size_t k = 0; k < len; k++) key[k] = lowercase_ ? static_cast<uint8_t>(src[k] | 0x20) : src[k];
        std::memcpy(&lo, key, 8);
        uint64_t h1, h2, h3;
        std::memcpy(&h1, key + 8, 8);
        std::memcpy(&h2, key + 16, 8);
        std::memcpy(&h3, key + 24, 8);
        hi = h1 ^ h2 ^ h3;
      }
#endif
      const size_t e = i + len;
      // A plain word: a short run that ends the text or ends at whitespace or punctuation.
      if (len < kKeyBytes && (e == n || byte_class_[p[e]] == kSpace || byte_class_[p[e]] == kPunct)) {
        Slot& slot = slots[slot_index(lo, hi, len)];
#ifdef EMBEDKIT_WORD_CACHE_SSE2
        const __m128i s0 = _mm_load_si128(reinterpret_cast<const __m128i*>(slot.key));
        const __m128i s1 = _mm_load_si128(reinterpret_cast<const __m128i*>(slot.key + 16));
        const __m128i k0 = _mm_load_si128(reinterpret_cast<const __m128i*>(key));
        const __m128i k1 = _mm_load_si128(reinterpret_cast<const __m128i*>(key + 16));
        const bool hit = _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(s0, k0), _mm_cmpeq_epi8(s1, k1))) == 0xFFFF;
#else
        const bool hit = std::memcmp(slot.key, key, kKeyBytes) == 0;
#endif
        if (hit) {
          for (uint32_t k = 0; k < slot.count; k++) ids.push_back(slot.ids[k]);
        } else {
          const size_t before = ids.size();
          tokenizer_->encode_ids(text.substr(i, len), false, ids);
          const size_t got = ids.size() - before;
          if (got >= 1 && got <= kMaxCachedIds) {
            std::memcpy(slot.key, key, kKeyBytes);
            std::memcpy(slot.ids, ids.data() + before, got * sizeof(uint32_t));
            slot.count = static_cast<uint32_t>(got);
          }
        }
        i = e;
        if (ids.size() >= max_ids) return true;
        continue;
      }
    }
    // Control chars, non-ASCII, a word of 32+ bytes: the tokenizer up to the next whitespace.
    i = slow_span(text, i, ids);
    if (ids.size() >= max_ids) return true;
  }
  return true;
}

}  // namespace embedkit::static_model
