// {"type":"StripAccents"}: drops every Unicode 9 combining mark (Mn, Mc and Me). It does no NFD of its
// own; files put NFD or NFKD before it.
#pragma once
#include "tokenizer/normalizers/normalizer.h"

namespace embedkit::tok {

class StripAccentsNormalizer final : public Normalizer {
 public:
  void normalize(NormalizedText& text, NormalizedText& scratch) const override;
};

}  // namespace embedkit::tok
