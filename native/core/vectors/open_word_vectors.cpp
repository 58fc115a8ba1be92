// Picks a reader: the caller's format, else the file's magic, else its extension, else its content.
#include <cstring>

#include "common/error.h"
#include "vectors/readers.h"
#include "vectors/text_header.h"

namespace embedkit::vectors {

namespace {

bool ends_with(const std::string& s, const char* suffix) {
  size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

// After a "<rows> <dims>" header: raw floats (word2vec binary) or text? Text has no control bytes.
bool looks_binary(const io::MappedFile& file) {
  const size_t end = file.size() < 4096 ? file.size() : 4096;
  for (size_t i = 0; i < end; i++) {
    uint8_t c = file.data()[i];
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return true;
  }
  return false;
}

}  // namespace

std::string sniff_format(const std::string& path, const io::MappedFile& file) {
  const uint8_t* d = file.data();
  if (file.size() >= 4 && std::memcmp(d, "FiFu", 4) == 0) return "finalfusion";
  if (is_bare_storage_chunk(d, file.size())) return "finalfusion";
  if (file.size() >= 4) {
    int32_t magic;
    std::memcpy(&magic, d, 4);
    if (magic == 793712314) return "fasttext";
  }
  if (ends_with(path, ".fifu")) return "finalfusion";
  if (ends_with(path, ".floret")) return "floret";
  if (ends_with(path, ".vec")) return "fasttext-vec";
  if (looks_like_text_header(d, file.size())) return looks_binary(file) ? "word2vec" : "word2vec-text";
  if (ends_with(path, ".bin") || ends_with(path, ".w2v")) return "word2vec";
  return "glove";
}

std::shared_ptr<const WordVectors> open_word_vectors(const std::string& path, const OpenOptions& options) {
  auto file = io::MappedFile::open(path);
  const std::string format = options.format.empty() ? sniff_format(path, *file) : options.format;
  if (format == "finalfusion") return read_finalfusion(file, options.mmap);
  if (format == "word2vec") return read_word2vec_binary(*file, options.lossy);
  if (format == "word2vec-text") return read_text_vectors(*file, true, "word2vec-text", options.lossy);
  if (format == "fasttext-vec") return read_text_vectors(*file, true, "fasttext-vec", options.lossy);
  if (format == "glove") return read_text_vectors(*file, false, "glove", options.lossy);
  if (format == "fasttext") return read_fasttext_binary(*file, options.lossy);
  if (format == "floret") return read_floret_text(*file);
  throw Error(ErrorKind::Argument, "unknown vectors format \"" + format +
                                       "\" (expected finalfusion, word2vec, word2vec-text, glove, fasttext, fasttext-vec or floret)");
}

}  // namespace embedkit::vectors
