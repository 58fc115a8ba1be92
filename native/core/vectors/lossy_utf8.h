// Word text for the "lossy" readers: each ill-formed UTF-8 subpart becomes one U+FFFD, the way Rust's
// String::from_utf8_lossy does (finalfusion's lossy readers use it), so words match theirs.
#pragma once
#include <string>
#include <string_view>

namespace embedkit::vectors {

// `bytes` unchanged when valid; otherwise with each maximal ill-formed subpart replaced by U+FFFD.
std::string utf8_lossy(std::string_view bytes);

// Strict or lossy word text; strict throws Error(Format) "<path>: <what> is not valid UTF-8".
std::string word_text(std::string_view bytes, bool lossy, const std::string& path, const std::string& what);

}  // namespace embedkit::vectors
