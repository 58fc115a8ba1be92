#include "vectors/byte_reader.h"

#include "text/utf8.h"

namespace embedkit::vectors {

std::string_view ByteReader::string(const char* what) {
  uint32_t len = u32(what);
  const char* p = reinterpret_cast<const char*>(take(len, what));
  std::string_view s(p, len);
  // finalfusion refuses invalid UTF-8 in its strict readers; so do we.
  size_t bad = text::find_invalid_utf8(s);
  if (bad != std::string_view::npos)
    throw Error(ErrorKind::Format, path_ + ": " + what + " is not valid UTF-8 (byte " + std::to_string(bad) + " of the string at " +
                                       std::to_string(pos_ - len) + ")");
  return s;
}

}  // namespace embedkit::vectors
