#include "tokenizer/pre_tokenizers/unicode_scripts.h"

#include <algorithm>
#include <iterator>

#include "text/utf8.h"

namespace embedkit::tok {

namespace {

struct ScriptRange {
  uint32_t first;
  uint32_t last;
  uint16_t cls;
};

// clang-format off
#include "tokenizer/pre_tokenizers/unicode_scripts_table.inc"
// clang-format on

}  // namespace

uint16_t script_class(uint32_t cp) noexcept {
  const ScriptRange* end = kScriptRanges + std::size(kScriptRanges);
  const ScriptRange* it = std::upper_bound(kScriptRanges, end, cp, [](uint32_t c, const ScriptRange& r) { return c < r.first; });
  if (it == kScriptRanges) return 0;
  --it;
  return cp <= it->last ? it->cls : 0;
}

void UnicodeScriptsPreTokenizer::pre_tokenize(NormalizedText& text, const std::vector<Piece>& in, std::vector<Piece>& out) const {
  const std::string& s = text.text;
  for (const Piece& p : in) {
    uint16_t last = 0;  // last non-Any class (0: none yet)
    bool started = false;
    uint32_t cut = p.begin;
    size_t i = p.begin;
    while (i < p.end) {
      const size_t at = i;
      const uint32_t cp = text::decode_utf8(s, i);
      const uint16_t cls = script_class(cp);
      if (cls != 0 && cls != last) {
        if (started && at > cut) out.push_back({cut, static_cast<uint32_t>(at)});
        started = true;
        cut = static_cast<uint32_t>(at);
      }
      if (cls != 0) last = cls;
    }
    if (started && p.end > cut) out.push_back({cut, p.end});
  }
}

}  // namespace embedkit::tok
