#include "vectors/lossy_utf8.h"

#include <cstdint>

#include "common/error.h"
#include "text/utf8.h"

namespace embedkit::vectors {

namespace {

// Length of the maximal prefix of an ill-formed sequence at s[pos] (at least 1): the lead byte plus
// the continuation bytes that could still have completed it (Unicode's "maximal subpart").
size_t ill_formed_length(std::string_view s, size_t pos) {
  const uint8_t lead = static_cast<uint8_t>(s[pos]);
  size_t need;
  uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) need = 1;
  else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 2;
    if (lead == 0xE0) lo = 0xA0;
    if (lead == 0xED) hi = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 3;
    if (lead == 0xF0) lo = 0x90;
    if (lead == 0xF4) hi = 0x8F;
  } else {
    return 1;
  }
  size_t n = 1;
  for (size_t i = 0; i < need && pos + n < s.size(); i++) {
    const uint8_t c = static_cast<uint8_t>(s[pos + n]);
    if (c < (i == 0 ? lo : 0x80) || c > (i == 0 ? hi : 0xBF)) break;
    n++;
  }
  return n;
}

}  // namespace

std::string utf8_lossy(std::string_view bytes) {
  if (text::find_invalid_utf8(bytes) == std::string_view::npos) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + 8);
  size_t pos = 0;
  while (pos < bytes.size()) {
    const size_t len = text::valid_utf8_sequence_length(bytes, pos);
    if (len > 0) {
      out.append(bytes.substr(pos, len));
      pos += len;
    } else {
      out.append("\xEF\xBF\xBD");  // U+FFFD
      pos += ill_formed_length(bytes, pos);
    }
  }
  return out;
}

std::string word_text(std::string_view bytes, bool lossy, const std::string& path, const std::string& what) {
  if (lossy) return utf8_lossy(bytes);
  if (text::find_invalid_utf8(bytes) != std::string_view::npos)
    throw Error(ErrorKind::Format, path + ": " + what + " is not valid UTF-8 (open with { lossy: true } to replace bad bytes)");
  return std::string(bytes);
}

}  // namespace embedkit::vectors
