#include "tokenizer/pre_tokenizers/byte_level.h"

#include "tokenizer/byte_level_alphabet.h"
#include "tokenizer/pre_tokenizers/regex_split.h"

namespace embedkit::tok {

const char* ByteLevelPreTokenizer::gpt2_pattern() noexcept {
  return "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
}

ByteLevelPreTokenizer::ByteLevelPreTokenizer(bool add_prefix_space, bool use_regex) : add_prefix_space_(add_prefix_space) {
  if (use_regex) {
    static const std::shared_ptr<const text::Regex> gpt2 = text::Regex::compile(gpt2_pattern(), "ByteLevel");
    regex_ = gpt2;
  }
}

namespace {

// Each byte's alphabet char as 1 or 2 UTF-8 bytes (all of them are below U+0800), so the loop below
// writes straight into the string instead of appending a std::string per byte.
struct ByteChar {
  uint8_t len;
  char utf8[2];
};

const ByteChar* byte_chars() {
  static const auto table = [] {
    static ByteChar t[256];
    for (int b = 0; b < 256; b++) {
      const std::string& c = byte_char_utf8(static_cast<uint8_t>(b));
      t[b].len = static_cast<uint8_t>(c.size());
      t[b].utf8[0] = c[0];
      t[b].utf8[1] = c.size() > 1 ? c[1] : 0;
    }
    return t;
  }();
  return table;
}

}  // namespace

void append_byte_level(const NormalizedText& text, size_t begin, size_t end, NormalizedText& out) {
  const ByteChar* chars = byte_chars();
  const size_t at = out.text.size();
  out.text.resize(at + 2 * (end - begin));
  char* const first = &out.text[at];
  char* d = first;
  for (size_t i = begin; i < end; i++) {
    const ByteChar& c = chars[static_cast<uint8_t>(text.text[i])];
    d[0] = c.utf8[0];
    d[1] = c.utf8[1];
    d += c.len;
  }
  out.text.resize(at + static_cast<size_t>(d - first));
  if (out.tracking) {
    size_t k = out.align.size();
    out.align.resize(k + (out.text.size() - at));
    for (size_t i = begin; i < end; i++)
      for (uint8_t n = chars[static_cast<uint8_t>(text.text[i])].len; n > 0; n--) out.align[k++] = text.align[i];
  }
}

void ByteLevelPreTokenizer::pre_tokenize(NormalizedText& text, const std::vector<Piece>& in, std::vector<Piece>& out) const {
  thread_local NormalizedText staged, next;
  thread_local std::vector<Piece> staged_pieces, split;
  const bool track = text.tracking;
  const NormalizedText* source = &text;
  const std::vector<Piece>* pieces = &in;
  if (add_prefix_space_) {
    staged.clear(track);
    staged_pieces.clear();
    for (const Piece& p : in) {
      const uint32_t begin = static_cast<uint32_t>(staged.text.size());
      if (text.text[p.begin] != ' ') {
        staged.text.push_back(' ');
        if (track) staged.align.push_back(text.align[p.begin]);
      }
      staged.text.append(text.text, p.begin, p.end - p.begin);
      if (track) staged.align.insert(staged.align.end(), text.align.begin() + p.begin, text.align.begin() + p.end);
      staged_pieces.push_back({begin, static_cast<uint32_t>(staged.text.size())});
    }
    source = &staged;
    pieces = &staged_pieces;
  }
  if (regex_) {
    split.clear();
    for (const Piece& p : *pieces) split_on_regex(*regex_, source->text, p, SplitBehavior::Isolated, false, split);
    pieces = &split;
  }
  next.clear(track);
  for (const Piece& p : *pieces) {
    const uint32_t begin = static_cast<uint32_t>(next.text.size());
    append_byte_level(*source, p.begin, p.end, next);
    out.push_back({begin, static_cast<uint32_t>(next.text.size())});
  }
  std::swap(text.text, next.text);
  std::swap(text.align, next.align);
}

}  // namespace embedkit::tok
