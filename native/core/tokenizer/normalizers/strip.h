// {"type":"Strip","strip_left","strip_right"}: removes leading and/or trailing Unicode whitespace.
#pragma once
#include "tokenizer/normalizers/normalizer.h"

namespace embedkit::tok {

class StripNormalizer final : public Normalizer {
 public:
  StripNormalizer(bool left, bool right) : left_(left), right_(right) {}
  void normalize(NormalizedText& text, NormalizedText& scratch) const override;

 private:
  bool left_, right_;
};

}  // namespace embedkit::tok
