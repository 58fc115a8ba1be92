// HF pre_tokenizers/byte_level.rs process_offsets, on char offsets: offsets of tokens that start or end
// with whitespace (or the byte-level space 'Ġ') move inwards; with add_prefix_space a first token keeps
// one leading space. Used by RobertaProcessing and the ByteLevel post-processor with trim_offsets.
#pragma once
#include "tokenizer/tokenizer.h"

namespace embedkit::tok {

void trim_byte_level_offsets(Encoding& encoding, bool add_prefix_space);

}  // namespace embedkit::tok
