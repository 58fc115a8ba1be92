#include "tokenizer/processors/byte_level_processor.h"

#include "tokenizer/processors/trim_offsets.h"

namespace embedkit::tok {

void ByteLevelProcessor::process(Encoding& encoding, bool) const {
  if (trim_) trim_byte_level_offsets(encoding, add_prefix_space_);
}

}  // namespace embedkit::tok
