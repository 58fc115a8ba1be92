#include "tokenizer/decoders/byte_decoders.h"

#include "text/utf8.h"
#include "tokenizer/byte_level_alphabet.h"

namespace embedkit::tok {

std::string utf8_lossy(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  const size_t n = s.size();
  auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  while (i < n) {
    const uint8_t c = byte(i);
    size_t need = 0;
    uint8_t lo = 0x80, hi = 0xBF;
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      i++;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      out += "\xEF\xBF\xBD";
      i++;
      continue;
    }
    size_t k = 1;
    for (; k <= need && i + k < n; k++) {
      const uint8_t b = byte(i + k);
      const uint8_t l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
      if (b < l || b > h) break;
    }
    if (k == need + 1) {
      out.append(s, i, need + 1);
      i += need + 1;
    } else {
      out += "\xEF\xBF\xBD";  // the valid prefix [i, i + k) is one replacement
      i += k;
    }
  }
  return out;
}

void ByteLevelDecoder::decode_chain(std::vector<std::string>& tokens) const {
  std::string bytes;
  for (const auto& t : tokens) {
    std::string mapped;
    bool all = true;
    for (size_t p = 0; p < t.size() && all;) {
      const int b = char_to_byte(text::decode_utf8(t, p));
      if (b < 0) all = false;
      else mapped.push_back(static_cast<char>(b));
    }
    bytes += all ? mapped : t;
  }
  tokens.assign(1, utf8_lossy(bytes));
}

namespace {

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void ByteFallbackDecoder::decode_chain(std::vector<std::string>& tokens) const {
  std::vector<std::string> out;
  std::string run;
  auto flush = [&]() {
    if (run.empty()) return;
    if (text::find_invalid_utf8(run) == std::string_view::npos) out.push_back(run);
    else
      for (size_t k = 0; k < run.size(); k++) out.emplace_back("\xEF\xBF\xBD");
    run.clear();
  };
  for (auto& t : tokens) {
    const bool is_byte = t.size() == 6 && t.compare(0, 3, "<0x") == 0 && t[5] == '>' && hex(t[3]) >= 0 && hex(t[4]) >= 0;
    if (is_byte) {
      run.push_back(static_cast<char>(hex(t[3]) * 16 + hex(t[4])));
    } else {
      flush();
      out.push_back(std::move(t));
    }
  }
  flush();
  tokens = std::move(out);
}

void MetaspaceDecoder::decode_chain(std::vector<std::string>& tokens) const {
  for (size_t i = 0; i < tokens.size(); i++) {
    const std::string& t = tokens[i];
    std::string out;
    for (size_t p = 0; p < t.size();) {
      const uint32_t cp = text::decode_utf8(t, p);
      if (cp == replacement_) {
        if (i == 0 && !never_) continue;
        out.push_back(' ');
      } else {
        text::append_utf8(out, cp);
      }
    }
    tokens[i] = std::move(out);
  }
}

}  // namespace embedkit::tok
