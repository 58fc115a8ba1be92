#include "tokenizer/normalizers/prepend.h"

namespace embedkit::tok {

void PrependNormalizer::normalize(NormalizedText& text, NormalizedText& /*scratch*/) const {
  if (text.text.empty() || prepend_.empty()) return;
  text.text.insert(0, prepend_);
  if (text.tracking) text.align.insert(text.align.begin(), prepend_.size(), text.align.front());
}

}  // namespace embedkit::tok
