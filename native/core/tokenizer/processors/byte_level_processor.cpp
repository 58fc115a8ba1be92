#include "tokenizer/processors/byte_level_processor.h"

#include "tokenizer/processors/trim_offsets.h"

namespace embedkit::tok {

void ByteLevelProcessor::process_encodings(std::vector<Encoding>& encodings, bool) const {
  if (!trim_) return;
  for (Encoding& e : encodings) {
    trim_byte_level_offsets(e, add_prefix_space_);
    for (Encoding& o : e.overflowing) trim_byte_level_offsets(o, add_prefix_space_);
  }
}

}  // namespace embedkit::tok
