// Decoders that work on bytes or on the metaspace char: ByteLevel (GPT-2 alphabet back to bytes, then a
// lossy UTF-8 decode as Rust's from_utf8_lossy does it), ByteFallback (<0xHH> runs back to text, an
// invalid run becoming one U+FFFD per byte) and Metaspace (the replacement char back to a space,
// deleted in the first token unless the scheme is "never").
#pragma once
#include <cstdint>

#include "tokenizer/decoders/decoder.h"

namespace embedkit::tok {

class ByteLevelDecoder final : public Decoder {
 public:
  void decode_chain(std::vector<std::string>& tokens) const override;
};

class ByteFallbackDecoder final : public Decoder {
 public:
  void decode_chain(std::vector<std::string>& tokens) const override;
};

class MetaspaceDecoder final : public Decoder {
 public:
  MetaspaceDecoder(uint32_t replacement, bool prepend_never) : replacement_(replacement), never_(prepend_never) {}
  void decode_chain(std::vector<std::string>& tokens) const override;

 private:
  uint32_t replacement_;
  bool never_;
};

// Rust String::from_utf8_lossy: each maximal ill-formed subsequence becomes one U+FFFD.
std::string utf8_lossy(const std::string& bytes);

}  // namespace embedkit::tok
