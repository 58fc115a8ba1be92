// {"type":"Precompiled","precompiled_charsmap":base64}: SentencePiece's normalization rules (e.g.
// nmt_nfkc) compiled into a Darts-clone double-array trie plus a blob of NUL-terminated replacements,
// applied as HF does (spm_precompiled + normalizers/precompiled.rs): per extended grapheme cluster, a
// cluster under 6 bytes that has a match (its SHORTEST matching prefix) is replaced whole; otherwise
// each char is replaced by its own match or kept. Offsets by HF's positional rule (positional.h).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/normalizers/normalizer.h"

namespace embedkit::tok {

class PrecompiledNormalizer final : public Normalizer {
 public:
  // `charsmap` is the decoded blob; throws Error(Format) (naming `where`) when it is malformed.
  PrecompiledNormalizer(std::string_view charsmap, const std::string& where);
  void normalize(NormalizedText& text, NormalizedText& scratch) const override;

  // The replacement of the shortest prefix of `key` the trie knows, if any.
  std::optional<std::string_view> transform(std::string_view key) const;

 private:
  std::vector<uint32_t> units_;
  std::string blob_;
};

}  // namespace embedkit::tok
