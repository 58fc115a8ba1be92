// {"type":"ByteLevel","add_prefix_space","trim_offsets"} as a post-processor: adds no token; with
// trim_offsets it moves offsets off leading / trailing spaces.
#pragma once
#include "tokenizer/processors/post_processor.h"

namespace embedkit::tok {

class ByteLevelProcessor final : public PostProcessor {
 public:
  ByteLevelProcessor(bool add_prefix_space, bool trim_offsets) : add_prefix_space_(add_prefix_space), trim_(trim_offsets) {}
  size_t added_tokens(bool) const override { return 0; }
  void process_encodings(std::vector<Encoding>& encodings, bool add_special_tokens) const override;
  void process_ids(std::vector<uint32_t>&, size_t, bool) const override {}

 private:
  bool add_prefix_space_;
  bool trim_;
};

}  // namespace embedkit::tok
