// Decoders: turn the token strings of a decode into text, as HF's decode_chain does (each decoder maps
// the list of strings to a new list; the result is their concatenation).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "io/json.h"
#include "tokenizer/json_reader.h"

namespace embedkit::tok {

class Decoder {
 public:
  virtual ~Decoder() = default;
  virtual void decode_chain(std::vector<std::string>& tokens) const = 0;
};

// Builds the decoder at `path`; Error(Unsupported) for an unknown type, Error(Format) for a bad one.
std::unique_ptr<Decoder> make_decoder(const JsonReader& reader, const json::Value& value, const std::string& path);

// HF's wordpiece cleanup (" ." -> "." and friends), shared by the WordPiece and CTC decoders.
std::string wordpiece_cleanup(std::string s);

// Replaces every occurrence of `from` (non-empty) with `to`.
std::string replace_all(std::string s, const std::string& from, const std::string& to);

}  // namespace embedkit::tok
