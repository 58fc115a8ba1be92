// {"type":"UnicodeScripts"} (HF pre_tokenizers/unicode_scripts): a piece boundary wherever the script
// changes, from SentencePiece-derived script tables with HF's fixes (kana and U+30FC count as Han; the
// space and chars missing from the table are "Any" and stick to the piece before them). As in HF,
// chars before the first non-Any char are dropped, and a piece of only Any chars yields nothing.
#pragma once
#include "tokenizer/pre_tokenizers/pre_tokenizer.h"

namespace embedkit::tok {

class UnicodeScriptsPreTokenizer final : public PreTokenizer {
 public:
  void pre_tokenize(NormalizedText& text, const std::vector<Piece>& in, std::vector<Piece>& out) const override;
};

// HF's script class of a char (0: Any); equal classes mean the same script.
uint16_t script_class(uint32_t cp) noexcept;

}  // namespace embedkit::tok
