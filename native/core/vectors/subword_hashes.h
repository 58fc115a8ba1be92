// The three hash functions that map an n-gram to a bucket, each matching the tool that trains the
// table: finalfusion (FNV-1a 64 over char count + code points), fastText (FNV-1a 32 over
// sign-extended bytes — a bug fastText keeps for compatibility) and floret (MurmurHash3 x64 128).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace embedkit::vectors {

// FNV-1a 64 over: the char count as u64 LE, then each code point as u32 LE.
uint64_t finalfusion_ngram_hash(const uint32_t* chars, size_t count) noexcept;

// fastText's dictionary hash: FNV-1a 32 where each byte is XORed in as a sign-extended int8.
uint32_t fasttext_hash(std::string_view bytes) noexcept;

// MurmurHash3_x64_128 of `bytes`; out[0] = h1, out[1] = h2.
void murmur3_x64_128(std::string_view bytes, uint32_t seed, uint64_t out[2]) noexcept;

}  // namespace embedkit::vectors
