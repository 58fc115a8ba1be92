// floret .floret text: a header "buckets dim minn maxn hashCount seed BOW EOW", then one line per
// bucket "index v1 ... vd". The result has no words: every lookup sums the hashed rows.
#include <charconv>

#include "common/error.h"
#include "vectors/ndarray_storage.h"
#include "vectors/readers.h"

namespace embedkit::vectors {

namespace {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

void split(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_space(line[i])) i++;
    size_t s = i;
    while (i < line.size() && !is_space(line[i])) i++;
    if (i > s) out.push_back(line.substr(s, i - s));
  }
}

template <typename T>
bool parse(std::string_view f, T& v) {
  auto res = std::from_chars(f.data(), f.data() + f.size(), v);
  return res.ec == std::errc() && res.ptr == f.data() + f.size();
}

}  // namespace

std::shared_ptr<const WordVectors> read_floret_text(const io::MappedFile& file) {
  std::string_view text = file.text();
  size_t line_no = 0, pos = 0;
  auto fail = [&](const std::string& what) {
    throw Error(ErrorKind::Format, file.path() + ": line " + std::to_string(line_no + 1) + ": " + what);
  };
  auto next_line = [&](std::string_view& line) {
    if (pos >= text.size()) return false;
    size_t nl = text.find('\n', pos);
    line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    return true;
  };
  std::vector<std::string_view> f;
  std::string_view line;
  if (!next_line(line)) fail("empty file (no floret header)");
  split(line, f);
  uint64_t buckets = 0, dim = 0;
  uint32_t minn = 0, maxn = 0, hashes = 0, seed = 0;
  if (f.size() != 8 || !parse(f[0], buckets) || !parse(f[1], dim) || !parse(f[2], minn) || !parse(f[3], maxn) ||
      !parse(f[4], hashes) || !parse(f[5], seed))
    fail("not a floret header \"buckets dim minn maxn hashCount seed BOW EOW\"");
  if (buckets == 0 || dim == 0 || minn < 1 || minn > maxn || hashes < 1 || hashes > 4) fail("invalid floret header values");
  // Each bucket line needs at least 2 bytes per value: check before allocating.
  if (buckets > text.size() / (2 * dim + 2)) fail("the header announces more buckets than the file can hold");
  std::string bow(f[6]), eow(f[7]);
  HugeFloats data;
  data.reserve(buckets * dim);
  for (uint64_t b = 0; b < buckets; b++) {
    line_no++;
    if (!next_line(line)) fail("truncated: " + std::to_string(b) + " of " + std::to_string(buckets) + " bucket lines");
    split(line, f);
    if (f.size() != dim + 1) fail("expected an index and " + std::to_string(dim) + " values");
    for (size_t j = 1; j <= dim; j++) {
      float v;
      if (!parse(f[j], v)) fail("\"" + std::string(f[j]) + "\" is not a number");
      data.push_back(v);
    }
    // A last line without its newline is a cut-off file (its last number may be a shortened value).
    if (pos == text.size() && text.back() != '\n') fail("truncated: the last line does not end with a newline");
  }
  while (next_line(line)) {
    line_no++;
    split(line, f);
    if (!f.empty()) fail("more lines than the header's " + std::to_string(buckets) + " buckets");
  }
  Vocab vocab({}, make_floret_indexer(minn, maxn, buckets, hashes, seed, bow, eow), file.path());
  auto storage = std::make_unique<NdArrayStorage>(std::move(data), buckets, dim);
  return std::make_shared<WordVectors>("floret", std::move(vocab), std::move(storage), std::vector<float>{}, std::nullopt,
                                       file.path());
}

}  // namespace embedkit::vectors
