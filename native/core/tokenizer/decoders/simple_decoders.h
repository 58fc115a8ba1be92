// The decoders that are a few lines each: Fuse, Sequence, BPEDecoder, WordPiece, CTC, Strip, Replace.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "tokenizer/decoders/decoder.h"
#include "tokenizer/normalizers/replace.h"

namespace embedkit::tok {

// {"type":"Fuse"}: one string.
class FuseDecoder final : public Decoder {
 public:
  void decode_chain(std::vector<std::string>& tokens) const override;
};

// {"type":"Sequence","decoders":[...]}.
class SequenceDecoder final : public Decoder {
 public:
  explicit SequenceDecoder(std::vector<std::unique_ptr<Decoder>> parts) : parts_(std::move(parts)) {}
  void decode_chain(std::vector<std::string>& tokens) const override {
    for (const auto& p : parts_) p->decode_chain(tokens);
  }

 private:
  std::vector<std::unique_ptr<Decoder>> parts_;
};

// {"type":"BPEDecoder","suffix"}: the suffix becomes a space, or nothing in the last token.
class BpeDecoder final : public Decoder {
 public:
  explicit BpeDecoder(std::string suffix) : suffix_(std::move(suffix)) {}
  void decode_chain(std::vector<std::string>& tokens) const override;

 private:
  std::string suffix_;
};

// {"type":"WordPiece","prefix","cleanup"}: after the first token, strip the prefix or add a space.
class WordPieceDecoder final : public Decoder {
 public:
  WordPieceDecoder(std::string prefix, bool cleanup) : prefix_(std::move(prefix)), cleanup_(cleanup) {}
  void decode_chain(std::vector<std::string>& tokens) const override;

 private:
  std::string prefix_;
  bool cleanup_;
};

// {"type":"CTC","pad_token","word_delimiter_token","cleanup"}.
class CtcDecoder final : public Decoder {
 public:
  CtcDecoder(std::string pad, std::string delimiter, bool cleanup)
      : pad_(std::move(pad)), delimiter_(std::move(delimiter)), cleanup_(cleanup) {}
  void decode_chain(std::vector<std::string>& tokens) const override;

 private:
  std::string pad_, delimiter_;
  bool cleanup_;
};

// {"type":"Strip","content":char,"start":n,"stop":n}: up to n leading / trailing `content` chars per token.
class StripDecoder final : public Decoder {
 public:
  StripDecoder(uint32_t content, size_t start, size_t stop) : content_(content), start_(start), stop_(stop) {}
  void decode_chain(std::vector<std::string>& tokens) const override;

 private:
  uint32_t content_;
  size_t start_, stop_;
};

// {"type":"Replace","pattern","content"}: the normalizer's replacement on each token.
class ReplaceDecoder final : public Decoder {
 public:
  explicit ReplaceDecoder(std::unique_ptr<ReplaceNormalizer> r) : replace_(std::move(r)) {}
  void decode_chain(std::vector<std::string>& tokens) const override {
    for (auto& t : tokens) t = replace_->apply(t);
  }

 private:
  std::unique_ptr<ReplaceNormalizer> replace_;
};

}  // namespace embedkit::tok
