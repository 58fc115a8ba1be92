// Options of one encode call and the truncation / padding parameters (HF utils/truncation.rs and
// utils/padding.rs). A tokenizer.json may carry both (Tokenizer::file_truncation / file_padding); HF's
// encode applies them, so callers that want HF's behaviour pass &*file_truncation() and pad with
// file_padding() (see pad_batch in padding.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace embedkit::tok {

enum class Side { Right, Left };

struct Truncation {
  size_t max_length = 512;
  // Tokens repeated between consecutive overflow windows; must be < the length left after special tokens.
  size_t stride = 0;
  enum class Strategy { LongestFirst, OnlyFirst, OnlySecond } strategy = Strategy::LongestFirst;
  Side side = Side::Right;  // Right keeps the first tokens, Left the last
};

struct Padding {
  enum class Strategy { BatchLongest, Fixed } strategy = Strategy::BatchLongest;
  size_t length = 0;              // Fixed: the target length (padding never truncates)
  size_t pad_to_multiple_of = 0;  // 0: none; otherwise the target is rounded up to a multiple
  uint32_t pad_id = 0;
  uint32_t pad_type_id = 0;
  std::string pad_token = "[PAD]";
  Side side = Side::Right;
};

struct EncodeOptions {
  bool add_special_tokens = true;
  const Truncation* truncation = nullptr; /* nullptr: none */
};

}  // namespace embedkit::tok
