// Text vectors: one "word v1 ... vd" line per word, fields separated by ASCII whitespace. word2vec text
// and fastText .vec start with a "<rows> <dims>" header that must agree with the lines; GloVe has none
// and takes dims from the first line. An empty line is an error, as in finalfusion; so is a last line
// without its newline (a truncated file).
#include <charconv>

#include "common/error.h"
#include "vectors/lossy_utf8.h"
#include "vectors/byte_reader.h"
#include "vectors/ndarray_storage.h"
#include "vectors/readers.h"
#include "vectors/text_header.h"

namespace embedkit::vectors {

namespace {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// Splits a line into whitespace-separated fields.
void split_fields(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_space(line[i])) i++;
    size_t start = i;
    while (i < line.size() && !is_space(line[i])) i++;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
}

}  // namespace

std::shared_ptr<const WordVectors> read_text_vectors(const io::MappedFile& file, bool has_header, const char* format, bool lossy) {
  ByteReader r(file.data(), file.size(), file.path());
  TextHeader h;
  if (has_header) {
    h = read_text_header(r);
    r.need_items(h.rows, h.dims * 2 + 1, "text vector lines");  // "w v v ...\n": at least 2 bytes per value
  }
  std::string_view rest(reinterpret_cast<const char*>(r.data() + r.pos()), r.remaining());
  size_t dims = has_header ? h.dims : 0;
  std::vector<std::string> words;
  HugeFloats data;
  std::vector<std::string_view> fields;
  size_t pos = 0, line_no = has_header ? 1 : 0;
  auto fail = [&](const std::string& what) {
    throw Error(ErrorKind::Format, file.path() + ": line " + std::to_string(line_no + 1) + ": " + what);
  };
  while (pos < rest.size()) {
    size_t nl = rest.find('\n', pos);
    const bool unterminated = nl == std::string_view::npos;
    std::string_view line = rest.substr(pos, unterminated ? std::string_view::npos : nl - pos);
    pos = unterminated ? rest.size() : nl + 1;
    split_fields(line, fields);
    if (fields.empty()) fail("spurious empty line");
    if (dims == 0 && !has_header) {
      dims = fields.size() - 1;
      if (dims == 0) fail("a word without values");
    }
    if (fields.size() != dims + 1)
      fail("expected a word and " + std::to_string(dims) + " values, found " + std::to_string(fields.size()) + " fields");
    if (has_header && words.size() == h.rows) fail("more lines than the header's " + std::to_string(h.rows));
    words.push_back(word_text(fields[0], lossy, file.path(), "the word on line " + std::to_string(line_no + 1)));
    for (size_t j = 1; j <= dims; j++) {
      float v;
      auto res = std::from_chars(fields[j].data(), fields[j].data() + fields[j].size(), v);
      if (res.ec != std::errc() || res.ptr != fields[j].data() + fields[j].size())
        fail("\"" + std::string(fields[j]) + "\" is not a number");
      data.push_back(v);
    }
    // Every writer ends each line with a newline; a last line without one is a cut-off file (its last
    // number could be a shortened value that still parses).
    if (unterminated) fail("truncated: the last line does not end with a newline");
    line_no++;
  }
  if (!has_header && words.empty()) throw Error(ErrorKind::Format, file.path() + ": no vectors (empty file)");
  if (has_header && words.size() != h.rows)
    throw Error(ErrorKind::Format, file.path() + ": the header announces " + std::to_string(h.rows) + " words, the file has " +
                                       std::to_string(words.size()) + " (truncated?)");
  auto norms = normalize_rows(data.data(), words.size(), dims);
  const size_t rows = words.size();
  auto storage = std::make_unique<NdArrayStorage>(std::move(data), rows, dims);
  return std::make_shared<WordVectors>(format, Vocab(std::move(words), nullptr, file.path()), std::move(storage),
                                       std::move(norms), std::nullopt, file.path());
}

}  // namespace embedkit::vectors
