// One reader per file format; `open_word_vectors` picks one from the options, the magic or the
// extension. Every reader checks lengths against the file before using them.
#pragma once
#include <memory>
#include <string>

#include "io/mapped_file.h"
#include "vectors/word_vectors.h"

namespace embedkit::vectors {

struct OpenOptions {
  // "" (sniff), "finalfusion", "word2vec", "word2vec-text", "glove", "fasttext", "fasttext-vec", "floret".
  std::string format;
  bool mmap = false;  // finalfusion array / quantized storage stay in the mapped file
  // word2vec, text and fastText: replace ill-formed UTF-8 in words with U+FFFD instead of failing.
  bool lossy = false;
};

std::shared_ptr<const WordVectors> open_word_vectors(const std::string& path, const OpenOptions& options);

// The format `open_word_vectors` would pick for this file.
std::string sniff_format(const std::string& path, const io::MappedFile& file);

// A .fifu file, or a file holding one bare NdArray / QuantizedArray chunk (no header, no words).
std::shared_ptr<const WordVectors> read_finalfusion(const std::shared_ptr<const io::MappedFile>& file, bool mmap);
bool is_bare_storage_chunk(const uint8_t* data, size_t size);
std::shared_ptr<const WordVectors> read_word2vec_binary(const io::MappedFile& file, bool lossy);
// Text with a "<rows> <dims>" header line (word2vec text, fastText .vec) or without one (GloVe).
std::shared_ptr<const WordVectors> read_text_vectors(const io::MappedFile& file, bool has_header, const char* format, bool lossy);
std::shared_ptr<const WordVectors> read_fasttext_binary(const io::MappedFile& file, bool lossy);
std::shared_ptr<const WordVectors> read_floret_text(const io::MappedFile& file);

// Shared by the readers that build an in-memory matrix: L2-normalizes the first `words` rows in place
// and returns their original norms (as finalfusion's compat readers do).
std::vector<float> normalize_rows(float* data, size_t words, size_t dim);

}  // namespace embedkit::vectors
