#include "tokenizer/processors/trim_offsets.h"

#include <algorithm>

#include "text/unicode.h"
#include "text/utf8.h"

namespace embedkit::tok {

static bool is_trimmed(uint32_t cp) { return cp == 0x120 || text::is_whitespace(cp); }  // U+0120 'Ġ': byte-level space

// HF pre_tokenizers/byte_level.rs process_offsets, on char offsets.
void trim_byte_level_offsets(Encoding& enc, bool add_prefix_space) {
  for (size_t i = 0; i < enc.ids.size(); i++) {
    const std::string& token = enc.tokens[i];
    std::vector<uint32_t> cps;
    for (size_t p = 0; p < token.size();) cps.push_back(text::decode_utf8(token, p));
    size_t leading = 0, trailing = 0;
    while (leading < cps.size() && is_trimmed(cps[leading])) leading++;
    while (trailing < cps.size() && is_trimmed(cps[cps.size() - 1 - trailing])) trailing++;
    Offsets& o = enc.offsets[i];
    if (leading > 0) {
      const bool is_first = i == 0 || o.start == 0;
      if (is_first && add_prefix_space && leading == 1) leading = 0;
      o.start = std::min<uint32_t>(o.start + static_cast<uint32_t>(leading), o.end);
    }
    if (trailing > 0 && o.end >= trailing) o.end = std::max<uint32_t>(o.end - static_cast<uint32_t>(trailing), o.start);
  }
}

}  // namespace embedkit::tok
