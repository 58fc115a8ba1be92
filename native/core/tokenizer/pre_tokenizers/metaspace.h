// {"type":"Metaspace","replacement","prepend_scheme","split"}: per piece, every U+0020 becomes the
// replacement char; the replacement is prepended when the piece does not start with it and the scheme
// is "always", or "first" and the piece starts at offset 0 of the input; with split, pieces are cut
// before each replacement char (MergedWithNext). New chars take the source range of the char they
// replace or precede.
#pragma once
#include <cstdint>

#include "tokenizer/pre_tokenizers/pre_tokenizer.h"

namespace embedkit::tok {

enum class PrependScheme { Always, First, Never };

class MetaspacePreTokenizer final : public PreTokenizer {
 public:
  MetaspacePreTokenizer(uint32_t replacement, PrependScheme scheme, bool split)
      : replacement_(replacement), scheme_(scheme), split_(split) {}
  void pre_tokenize(NormalizedText& text, const std::vector<Piece>& in, std::vector<Piece>& out) const override;
  bool needs_offsets() const override { return scheme_ == PrependScheme::First; }

 private:
  uint32_t replacement_;
  PrependScheme scheme_;
  bool split_;
};

}  // namespace embedkit::tok
