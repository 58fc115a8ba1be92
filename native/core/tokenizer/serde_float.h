// A JSON number read as serde_json reads an f64 without its `float_roundtrip` feature (HF's build):
// all digits into a u64 significand (digits past u64 ignored), then one multiply or divide by an f64
// power of ten. Not correctly rounded: about a quarter of 17-digit Unigram scores land 1 ulp away from
// strtod, which flips near-tied Viterbi paths, so Unigram scores are parsed this way.
#pragma once
#include <string_view>

namespace embedkit::tok {

// `text` starts at the number; anything after it is ignored. Returns NaN for text that is not a number.
double serde_json_f64(std::string_view text) noexcept;

}  // namespace embedkit::tok
