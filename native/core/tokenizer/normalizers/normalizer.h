// Normalizers: the first stage of the pipeline, run on each piece of text between added tokens.
#pragma once
#include <memory>
#include <string>

#include "io/json.h"
#include "tokenizer/json_reader.h"
#include "tokenizer/normalized_text.h"

namespace embedkit::tok {

class Normalizer {
 public:
  virtual ~Normalizer() = default;
  // Normalizes `text` in place. `scratch` is a buffer it may use; its contents are undefined afterwards.
  virtual void normalize(NormalizedText& text, NormalizedText& scratch) const = 0;
};

// Builds the normalizer that the JSON object at `path` describes. Throws Error(Unsupported) for a type
// this engine does not implement and Error(Format) for a malformed one.
std::unique_ptr<Normalizer> make_normalizer(const JsonReader& reader, const json::Value& value, const std::string& path);

// Calls fn(cp, span) for each char of `in` (span is {0,0} when the text is not tracking offsets).
template <class Fn>
inline void for_each_char(const NormalizedText& in, Fn&& fn) {
  const std::string& s = in.text;
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    const Span span = in.tracking ? in.align[i] : Span{0, 0};
    size_t next = i;
    const uint32_t cp = text::decode_utf8(s, next);
    fn(cp, span);
    i = next;
  }
}

}  // namespace embedkit::tok
