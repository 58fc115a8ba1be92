// A {"String": s} or {"Regex": r} pattern of Split and Replace, compiled (a String is a literal).
#pragma once
#include <memory>
#include <string>

#include "io/json.h"
#include "text/regex.h"
#include "tokenizer/json_reader.h"

namespace embedkit::tok {

std::shared_ptr<const text::Regex> read_pattern(const JsonReader& reader, const json::Value& pattern, const std::string& path);

}  // namespace embedkit::tok
