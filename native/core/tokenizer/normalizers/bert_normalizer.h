// {"type":"BertNormalizer","clean_text","handle_chinese_chars","strip_accents","lowercase"} as HF runs it:
// clean_text (delete NUL, U+FFFD and old Cc/Cf/Co except \t \n \r, then map whitespace to U+0020), pad
// CJK ideographs with spaces, strip accents (NFD, then drop old Mn; null follows lowercase), lowercase
// (Rust to_lowercase, per char). All four steps are char-local except NFD's reordering, so they run as
// one pass; ASCII takes a table path.
#pragma once
#include "tokenizer/normalizers/normalizer.h"

namespace embedkit::tok {

class BertNormalizer final : public Normalizer {
 public:
  BertNormalizer(bool clean_text, bool handle_chinese_chars, bool strip_accents, bool lowercase)
      : clean_text_(clean_text), handle_chinese_(handle_chinese_chars), strip_accents_(strip_accents), lowercase_(lowercase) {}

  void normalize(NormalizedText& text, NormalizedText& scratch) const override;

  bool clean_text() const noexcept { return clean_text_; }
  bool handle_chinese_chars() const noexcept { return handle_chinese_; }
  bool strip_accents() const noexcept { return strip_accents_; }
  bool lowercase() const noexcept { return lowercase_; }

 private:
  template <bool Track>
  void run(const NormalizedText& in, NormalizedText& out) const;

  bool clean_text_, handle_chinese_, strip_accents_, lowercase_;
};

}  // namespace embedkit::tok
