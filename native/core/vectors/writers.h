// Writers: finalfusion (every chunk the readers know, byte for byte as finalfusion-rust writes them),
// word2vec binary and text, GloVe text, fastText .vec and floret text. All go through io::AtomicFile,
// so a failed save never leaves a half-written file behind.
#pragma once
#include <optional>
#include <string>

#include "vectors/word_vectors.h"

namespace embedkit::vectors {

struct WriteOptions {
  // "finalfusion", "word2vec", "word2vec-text", "glove", "fasttext-vec" or "floret".
  std::string format;
  // finalfusion: replace the Metadata chunk (a TOML text; nullopt with replace_metadata drops it).
  bool replace_metadata = false;
  std::optional<std::string> metadata;
  // word2vec / text formats: multiply word rows by their stored norms, giving back the vectors a
  // normalizing reader started from (finalfusion-utils' --unnormalize). finalfusion output keeps
  // unit rows plus NdNorms regardless.
  bool unnormalize = true;
};

void write_word_vectors(const WordVectors& wv, const std::string& path, const WriteOptions& options);

// Per format (used by write_word_vectors).
void write_finalfusion(const WordVectors& wv, const std::string& path, const std::optional<std::string>& metadata);
void write_word2vec_binary(const WordVectors& wv, const std::string& path, bool unnormalize);
// word2vec text and fastText .vec (with a "<rows> <dims>" header) or GloVe (without).
void write_text_vectors(const WordVectors& wv, const std::string& path, bool header, bool unnormalize);
void write_floret_text(const WordVectors& wv, const std::string& path);

}  // namespace embedkit::vectors
