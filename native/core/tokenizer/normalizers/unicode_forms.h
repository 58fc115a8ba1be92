// {"type":"NFC"}, {"type":"NFKC"}, {"type":"NFKD"} (NFD keeps its streaming class in nfd.h): Unicode
// normalization with HF's Unicode 9 data (unicode-normalization-alignments 0.1.12), and its offsets:
// decomposition parts after the first are inserted chars, a composition absorbs the char it composes
// with, reordered marks take ranges by position (positional.h).
#pragma once
#include "tokenizer/normalizers/normalizer.h"

namespace embedkit::tok {

class UnicodeFormNormalizer final : public Normalizer {
 public:
  UnicodeFormNormalizer(bool compatibility, bool compose) : compat_(compatibility), compose_(compose) {}
  void normalize(NormalizedText& text, NormalizedText& scratch) const override;

 private:
  bool compat_;
  bool compose_;
};

}  // namespace embedkit::tok
