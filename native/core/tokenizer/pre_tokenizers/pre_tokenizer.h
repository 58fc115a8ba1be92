// Pre-tokenizers: split each normalized piece of text into the words the model sees.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/json.h"
#include "tokenizer/json_reader.h"
#include "tokenizer/normalized_text.h"

namespace embedkit::tok {

// A byte range [begin, end) of NormalizedText::text.
struct Piece {
  uint32_t begin;
  uint32_t end;
};

class PreTokenizer {
 public:
  virtual ~PreTokenizer() = default;
  // Splits each piece of `in` further and appends the results, in order, to `out` (which the caller
  // clears). Pieces are never empty. A pre-tokenizer that rewrites text (issue 3: Metaspace, ByteLevel)
  // may change `text` as long as the pieces it returns index the new text.
  virtual void pre_tokenize(NormalizedText& text, const std::vector<Piece>& in, std::vector<Piece>& out) const = 0;
  // Whether it reads the source ranges of the text (so the pipeline must track them even for ids only).
  virtual bool needs_offsets() const { return false; }
};

std::unique_ptr<PreTokenizer> make_pre_tokenizer(const JsonReader& reader, const json::Value& value, const std::string& path);

// HF's SplitDelimiterBehavior.
enum class SplitBehavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

SplitBehavior parse_split_behavior(const JsonReader& reader, const json::Value& value, const std::string& path);

// Splits `piece` of `text` where pred(cp) holds (one match per char), HF style, appending non-empty pieces.
template <class Pred>
void split_on_chars(const std::string& text, Piece piece, Pred&& pred, SplitBehavior behavior, std::vector<Piece>& out);

}  // namespace embedkit::tok

#include "tokenizer/pre_tokenizers/split_on_chars.inl"
