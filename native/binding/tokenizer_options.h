// Reads the truncation / padding options of the tokenizer calls (already validated and spelled out by
// lib/tokenizer.ts) into the core's structs. `undefined` means "what the tokenizer.json says", `null`
// means none.
#pragma once
#include <napi.h>

#include <optional>

#include "tokenizer/encode_options.h"

namespace embedkit::binding {

// {maxLength, stride, strategy: "LongestFirst"|"OnlyFirst"|"OnlySecond", direction: "Right"|"Left"}
std::optional<tok::Truncation> read_truncation(Napi::Env env, const Napi::Value& value, const std::optional<tok::Truncation>& file);
// {strategy: "BatchLongest"|"Fixed", length, padToMultipleOf, padId, padTypeId, padToken, direction}
std::optional<tok::Padding> read_padding(Napi::Env env, const Napi::Value& value, const std::optional<tok::Padding>& file);

}  // namespace embedkit::binding
