#include "vectors/subword_hashes.h"

#include <cstring>

namespace embedkit::vectors {

namespace {

constexpr uint64_t kFnv64Offset = 0xcbf29ce484222325ull;
constexpr uint64_t kFnv64Prime = 0x100000001b3ull;

inline uint64_t fnv64_byte(uint64_t h, uint8_t b) noexcept { return (h ^ b) * kFnv64Prime; }

inline uint64_t rotl64(uint64_t x, int r) noexcept { return (x << r) | (x >> (64 - r)); }

inline uint64_t fmix64(uint64_t k) noexcept {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ull;
  k ^= k >> 33;
  return k;
}

}  // namespace

// FNV-1a over a zero byte is a plain multiply, so the zero high bytes of a code point (and of the count)
// fold into one multiply by a power of the prime: an ASCII char costs one xor and one multiply instead
// of four of each. The result is bit for bit the byte-wise FNV-1a.
uint64_t finalfusion_ngram_hash(const uint32_t* chars, size_t count) noexcept {
  constexpr uint64_t p = kFnv64Prime, p2 = p * p, p3 = p2 * p, p4 = p2 * p2, p7 = p4 * p3;
  uint64_t h = kFnv64Offset;
  if (count < 256) {
    h = fnv64_byte(h, static_cast<uint8_t>(count)) * p7;  // the count's seven high bytes are zero
  } else {
    const uint64_t n = count;
    for (int i = 0; i < 8; i++) h = fnv64_byte(h, static_cast<uint8_t>(n >> (8 * i)));
  }
  for (size_t i = 0; i < count; i++) {
    const uint32_t c = chars[i];
    if (c < 0x100) {
      h = (h ^ c) * p4;
      continue;
    }
    h = fnv64_byte(h, static_cast<uint8_t>(c));
    h = fnv64_byte(h, static_cast<uint8_t>(c >> 8));
    if (c < 0x10000) {
      h *= p2;
      continue;
    }
    h = fnv64_byte(h, static_cast<uint8_t>(c >> 16));
    h = fnv64_byte(h, static_cast<uint8_t>(c >> 24));
  }
  return h;
}

uint32_t fasttext_hash(std::string_view bytes) noexcept {
  uint32_t h = 2166136261u;
  for (char c : bytes) {
    h ^= static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(c)));
    h *= 16777619u;
  }
  return h;
}

// MurmurHash3_x64_128 (Austin Appleby's public-domain algorithm), little-endian blocks.
void murmur3_x64_128(std::string_view bytes, uint32_t seed, uint64_t out[2]) noexcept {
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  const size_t len = bytes.size();
  const size_t nblocks = len / 16;
  uint64_t h1 = seed, h2 = seed;
  const uint64_t c1 = 0x87c37b91114253d5ull, c2 = 0x4cf5ad432745937full;
  for (size_t i = 0; i < nblocks; i++) {
    uint64_t k1, k2;
    std::memcpy(&k1, data + i * 16, 8);
    std::memcpy(&k2, data + i * 16 + 8, 8);
    k1 *= c1; k1 = rotl64(k1, 31); k1 *= c2; h1 ^= k1;
    h1 = rotl64(h1, 27); h1 += h2; h1 = h1 * 5 + 0x52dce729;
    k2 *= c2; k2 = rotl64(k2, 33); k2 *= c1; h2 ^= k2;
    h2 = rotl64(h2, 31); h2 += h1; h2 = h2 * 5 + 0x38495ab5;
  }
  const uint8_t* tail = data + nblocks * 16;
  uint64_t k1 = 0, k2 = 0;
  const size_t rem = len & 15;
  for (size_t i = rem; i > 8; i--) k2 ^= static_cast<uint64_t>(tail[i - 1]) << (8 * (i - 9));
  if (rem > 8) { k2 *= c2; k2 = rotl64(k2, 33); k2 *= c1; h2 ^= k2; }
  for (size_t i = rem < 8 ? rem : 8; i > 0; i--) k1 ^= static_cast<uint64_t>(tail[i - 1]) << (8 * (i - 1));
  if (rem > 0) { k1 *= c1; k1 = rotl64(k1, 31); k1 *= c2; h1 ^= k1; }
  h1 ^= len; h2 ^= len;
  h1 += h2; h2 += h1;
  h1 = fmix64(h1); h2 = fmix64(h2);
  h1 += h2; h2 += h1;
  out[0] = h1;
  out[1] = h2;
}

}  // namespace embedkit::vectors
