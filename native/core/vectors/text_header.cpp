#include "vectors/text_header.h"

namespace embedkit::vectors {

namespace {

// Parses ASCII digits; false on none or on overflow past 2^53 (no real file comes close).
bool parse_count(const uint8_t* p, size_t n, uint64_t& out) {
  if (n == 0 || n > 15) return false;
  out = 0;
  for (size_t i = 0; i < n; i++) {
    if (p[i] < '0' || p[i] > '9') return false;
    out = out * 10 + (p[i] - '0');
  }
  return true;
}

bool parse_header(const uint8_t* data, size_t size, TextHeader& h, size_t& consumed) {
  size_t nl = 0;
  while (nl < size && data[nl] != '\n') nl++;
  if (nl == size) return false;
  size_t end = nl;
  if (end > 0 && data[end - 1] == '\r') end--;
  while (end > 0 && data[end - 1] == ' ') end--;  // tolerate a trailing space
  size_t sp = 0;
  while (sp < end && data[sp] != ' ') sp++;
  if (sp == end) return false;
  if (!parse_count(data, sp, h.rows) || !parse_count(data + sp + 1, end - sp - 1, h.dims)) return false;
  consumed = nl + 1;
  return true;
}

}  // namespace

TextHeader read_text_header(ByteReader& r) {
  TextHeader h;
  size_t consumed = 0;
  if (!parse_header(r.data() + r.pos(), r.remaining(), h, consumed))
    r.fail("the first line is not a \"<rows> <dims>\" header");
  if (h.dims == 0 && h.rows != 0) r.fail("the header says 0 dimensions");
  r.skip(consumed, "header");
  return h;
}

bool looks_like_text_header(const uint8_t* data, size_t size) {
  TextHeader h;
  size_t consumed = 0;
  return parse_header(data, size, h, consumed);
}

}  // namespace embedkit::vectors
