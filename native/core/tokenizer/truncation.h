// HF utils/truncation.rs truncate_encodings and tokenizer/encoding.rs Encoding::truncate: cut one or two
// encodings (before the post-processor) so that they fit, the cut-off tokens going to overflow windows.
#pragma once
#include "tokenizer/encode_options.h"
#include "tokenizer/tokenizer.h"

namespace embedkit::tok {

// Keeps `max_length` tokens on `side`; the rest becomes overflow windows of `max_length` tokens that
// overlap by `stride` (listed after the kept one, as HF). max_length 0 moves everything to overflow.
// Error(Argument) when stride >= max_length and something must be cut (HF panics there).
void truncate_encoding(Encoding& encoding, size_t max_length, size_t stride, Side side);

// `params.max_length` is the room for the sequences (the caller has subtracted special tokens).
// Error(Argument): OnlySecond without a second sequence; the chosen sequence is too short to cut.
void truncate_encodings(Encoding& first, Encoding* second, const Truncation& params);

}  // namespace embedkit::tok
