// {"type":"Sequence","pretokenizers":[...]}: each pre-tokenizer splits every piece the previous one made.
#pragma once
#include <memory>
#include <vector>

#include "tokenizer/pre_tokenizers/pre_tokenizer.h"

namespace embedkit::tok {

class SequencePreTokenizer final : public PreTokenizer {
 public:
  explicit SequencePreTokenizer(std::vector<std::unique_ptr<PreTokenizer>> parts) : parts_(std::move(parts)) {}
  void pre_tokenize(NormalizedText& text, const std::vector<Piece>& in, std::vector<Piece>& out) const override;
  bool needs_offsets() const override {
    for (const auto& p : parts_)
      if (p->needs_offsets()) return true;
    return false;
  }

 private:
  std::vector<std::unique_ptr<PreTokenizer>> parts_;
};

}  // namespace embedkit::tok
