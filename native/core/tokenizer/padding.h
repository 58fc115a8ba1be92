// HF utils/padding.rs pad_encodings: pads every encoding of a batch (and their overflow windows) to the
// Fixed length or the batch's longest main sequence, rounded up to pad_to_multiple_of. Pad positions get
// pad_id, pad_type_id, pad_token, offsets (0, 0), attention 0 and special-mask 1. Never truncates.
// HF's single encode pads too: pad_batch on a batch of one (BatchLongest then only rounds up).
#pragma once
#include <vector>

#include "tokenizer/encode_options.h"
#include "tokenizer/tokenizer.h"

namespace embedkit::tok {

void pad_batch(std::vector<Encoding>& batch, const Padding& padding);

// One encoding (and its overflow windows) to `length`.
void pad_encoding(Encoding& encoding, size_t length, const Padding& padding);

}  // namespace embedkit::tok
