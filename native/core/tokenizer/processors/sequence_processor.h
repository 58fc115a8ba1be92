// {"type":"Sequence","processors":[...]} post-processor: each in order; it adds what they all add.
#pragma once
#include <memory>
#include <vector>

#include "tokenizer/processors/post_processor.h"

namespace embedkit::tok {

class SequenceProcessor final : public PostProcessor {
 public:
  explicit SequenceProcessor(std::vector<std::unique_ptr<PostProcessor>> parts) : parts_(std::move(parts)) {}
  size_t added_tokens(bool pair) const override {
    size_t n = 0;
    for (const auto& p : parts_) n += p->added_tokens(pair);
    return n;
  }
  void process_encodings(std::vector<Encoding>& encodings, bool add_special_tokens) const override {
    for (const auto& p : parts_) p->process_encodings(encodings, add_special_tokens);
  }
  void process_ids(std::vector<uint32_t>& ids, size_t begin, bool add_special_tokens) const override {
    for (const auto& p : parts_) p->process_ids(ids, begin, add_special_tokens);
  }

 private:
  std::vector<std::unique_ptr<PostProcessor>> parts_;
};

}  // namespace embedkit::tok
