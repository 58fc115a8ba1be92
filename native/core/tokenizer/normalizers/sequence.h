// {"type":"Sequence","normalizers":[...]}: runs each normalizer in order.
#pragma once
#include <memory>
#include <vector>

#include "tokenizer/normalizers/normalizer.h"

namespace embedkit::tok {

class SequenceNormalizer final : public Normalizer {
 public:
  explicit SequenceNormalizer(std::vector<std::unique_ptr<Normalizer>> parts) : parts_(std::move(parts)) {}
  void normalize(NormalizedText& text, NormalizedText& scratch) const override {
    for (const auto& p : parts_) p->normalize(text, scratch);
  }

 private:
  std::vector<std::unique_ptr<Normalizer>> parts_;
};

}  // namespace embedkit::tok
