// word2vec binary, text with or without a "<rows> <dims>" header (word2vec text, fastText .vec,
// GloVe) and floret text. Only word rows are written (subword rows have no place in these formats).
// Numbers are the shortest decimal that reads back to the same f32, in plain (non-exponent) notation
// as finalfusion-rust prints them, so text round trips lose nothing.
#include <charconv>
#include <vector>

#include "common/error.h"
#include "io/atomic_file.h"
#include "vectors/writers.h"

namespace embedkit::vectors {

namespace {

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// These formats separate fields by whitespace, so a word with whitespace (or no bytes) cannot be
// stored. Checked before the file is created.
void check_words(const WordVectors& wv, const std::string& path, const char* format) {
  const auto& words = wv.vocab().words();
  for (size_t i = 0; i < words.size(); i++) {
    const std::string& word = words[i];
    bool bad = word.empty();
    for (char c : word) bad = bad || is_ascii_space(c);
    if (bad)
      throw Error(ErrorKind::Unsupported, path + ": word " + std::to_string(i) + " (\"" + word + "\") is empty or contains whitespace, which " +
                                              format + " cannot store");
  }
}

// Word row i as the caller wants it: stored (unit) row, or times its norm.
class RowSource {
 public:
  RowSource(const WordVectors& wv, bool unnormalize) : wv_(wv), unnormalize_(unnormalize && !wv.norms().empty()), row_(wv.dim()) {}
  const float* row(size_t i) {
    const Storage& s = wv_.storage();
    const float* src;
    if (s.dense() && !unnormalize_) return s.dense() + i * wv_.dim();
    s.row(i, row_.data());
    src = row_.data();
    if (unnormalize_) {
      const float n = wv_.norms()[i];
      for (float& v : row_) v *= n;  // in f32, as finalfusion's unnormalize does
    }
    return src;
  }

 private:
  const WordVectors& wv_;
  bool unnormalize_;
  std::vector<float> row_;
};

void append_float(std::string& out, float v) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::fixed);
  if (res.ec != std::errc()) res = std::to_chars(buf, buf + sizeof(buf), v);  // huge magnitudes: let it pick
  out.append(buf, res.ptr);
}

std::string header_line(uint64_t rows, size_t dim) { return std::to_string(rows) + " " + std::to_string(dim) + "\n"; }

}  // namespace

void write_word2vec_binary(const WordVectors& wv, const std::string& path, bool unnormalize) {
  check_words(wv, path, "word2vec");
  const auto& words = wv.vocab().words();
  io::AtomicFile file(path);
  file.write(header_line(words.size(), wv.dim()));
  RowSource rows(wv, unnormalize);
  for (size_t i = 0; i < words.size(); i++) {
    file.write(words[i]);
    file.write(" ", 1);
    file.write(rows.row(i), wv.dim() * sizeof(float));
    file.write("\n", 1);
  }
  file.commit();
}

void write_text_vectors(const WordVectors& wv, const std::string& path, bool header, bool unnormalize) {
  check_words(wv, path, header ? "word2vec text" : "GloVe text");
  const auto& words = wv.vocab().words();
  io::AtomicFile file(path);
  if (header) file.write(header_line(words.size(), wv.dim()));
  RowSource rows(wv, unnormalize);
  std::string line;
  for (size_t i = 0; i < words.size(); i++) {
    line.assign(words[i]);
    const float* r = rows.row(i);
    for (size_t j = 0; j < wv.dim(); j++) {
      line.push_back(' ');
      append_float(line, r[j]);
    }
    line.push_back('\n');
    file.write(line);
  }
  file.commit();
}

// floret text: "buckets dim minn maxn hashCount seed BOW EOW", then "index v1 ... vd" per bucket.
void write_floret_text(const WordVectors& wv, const std::string& path) {
  const SubwordIndexer* sub = wv.vocab().subwords();
  if (!sub || std::string(sub->kind()) != "floret" || wv.vocab().words_len() != 0)
    throw Error(ErrorKind::Unsupported, path + ": floret text holds floret vectors only (a floret subword vocabulary without words)");
  const SubwordParams p = sub->params();
  for (const std::string* m : {&p.bow, &p.eow}) {
    bool bad = m->empty();
    for (char c : *m) bad = bad || is_ascii_space(c);
    if (bad) throw Error(ErrorKind::Unsupported, path + ": floret text cannot store an empty or whitespace bow/eow marker");
  }
  io::AtomicFile file(path);
  file.write(std::to_string(p.buckets) + " " + std::to_string(wv.dim()) + " " + std::to_string(sub->min_n()) + " " +
             std::to_string(sub->max_n()) + " " + std::to_string(p.hashes) + " " + std::to_string(p.seed) + " " + p.bow + " " +
             p.eow + "\n");
  const Storage& s = wv.storage();
  std::vector<float> row(wv.dim());
  std::string line;
  for (uint64_t b = 0; b < s.rows(); b++) {
    s.row(b, row.data());
    line = std::to_string(b);
    for (float v : row) {
      line.push_back(' ');
      append_float(line, v);
    }
    line.push_back('\n');
    file.write(line);
  }
  file.commit();
}

void write_word_vectors(const WordVectors& wv, const std::string& path, const WriteOptions& options) {
  const std::string& f = options.format;
  if (f == "finalfusion") return write_finalfusion(wv, path, options.replace_metadata ? options.metadata : wv.metadata());
  if (f == "word2vec") return write_word2vec_binary(wv, path, options.unnormalize);
  if (f == "word2vec-text" || f == "fasttext-vec") return write_text_vectors(wv, path, true, options.unnormalize);
  if (f == "glove") return write_text_vectors(wv, path, false, options.unnormalize);
  if (f == "floret") return write_floret_text(wv, path);
  if (f == "fasttext")
    throw Error(ErrorKind::Unsupported, path + ": writing fastText .bin models is not supported (save as fasttext-vec or finalfusion)");
  throw Error(ErrorKind::Argument, "unknown vectors format \"" + f +
                                       "\" to write (expected finalfusion, word2vec, word2vec-text, glove, fasttext-vec or floret)");
}

}  // namespace embedkit::vectors
