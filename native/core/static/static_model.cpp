#include "static/static_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "common/error.h"
#include "io/json.h"
#include "io/mapped_file.h"
#include "kernels/pooling.h"
#include "text/utf8.h"

namespace embedkit::static_model {

namespace {

// Texts with at least this many ids pool through per-token counts (sum_i8_counted); shorter ones
// rarely repeat a token, and the counting would cost more than it saves.
constexpr size_t kCountRepeatsFrom = 64;

// model2vec: int(np.median([len(token) for token in vocabulary sorted by id])), lengths in code points.
size_t median_code_point_length(const tok::Tokenizer& tokenizer) {
  auto vocab = tokenizer.vocabulary(true);
  if (vocab.empty()) return 1;
  std::vector<size_t> lengths;
  lengths.reserve(vocab.size());
  for (const auto& entry : vocab) lengths.push_back(text::count_code_points(entry.first));
  std::sort(lengths.begin(), lengths.end());
  size_t n = lengths.size();
  // numpy's median of an even count is the mean of the two middle values; int() then floors it.
  size_t median = n % 2 ? lengths[n / 2] : (lengths[n / 2 - 1] + lengths[n / 2]) / 2;
  return std::max<size_t>(median, 1);
}

size_t read_max_length(const ModelFiles& files, const json::Value& config) {
  const json::Value* m = config.find("max_length");
  if (!m) return 512;
  if (m->is_null()) return kNoLimit;
  if (!m->is_integer() || m->as_int() < 0) throw Error(ErrorKind::Format, files.config + ": 'max_length' must be a non-negative integer or null");
  return static_cast<size_t>(m->as_int());
}

bool read_normalize(const ModelFiles& files, const json::Value& config) {
  if (const json::Value* n = config.find("normalize")) {
    if (n->is_bool()) return n->as_bool();
    if (!n->is_null()) throw Error(ErrorKind::Format, files.config + ": 'normalize' must be true or false");
  }
  // Sentence-Transformers models say it with a Normalize module instead.
  if (files.modules) {
    json::Value modules = json::parse(io::read_file(*files.modules), *files.modules);
    if (modules.is_array())
      for (const auto& m : modules.items())
        if (const json::Value* type = m.find("type"))
          if (type->is_string() && type->as_string().find("Normalize") != std::string::npos) return true;
  }
  return false;  // model2vec's default when the config is silent
}

// Bytes of the first `n` code points: text::prefix_bytes_for_code_points, 8 bytes a step (a byte starts
// a code point unless it is 10xxxxxx). The cut of a long email was 7% of its encode time byte by byte.
size_t prefix_bytes_for_chars(std::string_view s, size_t n) noexcept {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  size_t i = 0, seen = 0;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  while (i + 8 <= s.size() && seen + 8 <= n) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    const uint64_t continuation = w & ~(w << 1) & kHigh;  // bit 7 set, bit 6 clear
    // Sum of the flags (one bit per byte, moved to bit 0) by multiply: no popcnt needed on baseline x86-64.
    seen += 8 - static_cast<size_t>(((continuation >> 7) * 0x0101010101010101ull) >> 56);
    i += 8;
  }
  // Fewer than 8 code points to go (or the end): byte by byte, from a code point boundary or inside one.
  for (; i < s.size(); i++) {
    if ((p[i] & 0xC0) != 0x80) {
      if (seen == n) return i;
      seen++;
    }
  }
  return s.size();
}

}  // namespace

std::shared_ptr<const StaticModel> StaticModel::load(const std::string& folder, const LoadOptions& options) {
  auto model = std::make_shared<StaticModel>();
  model->files_ = find_model_files(folder);
  model->tokenizer_ = tok::Tokenizer::from_file(model->files_.tokenizer);
  size_t vocab_ids = 0;
  for (const auto& entry : model->tokenizer_->vocabulary(true)) vocab_ids = std::max<size_t>(vocab_ids, entry.second + 1);
  model->table_ = EmbeddingTable::load(model->files_.weights, vocab_ids);
  json::Value config = json::parse(io::read_file(model->files_.config), model->files_.config);
  if (!config.is_object()) throw Error(ErrorKind::Format, model->files_.config + ": not a JSON object");
  model->normalize_ = options.normalize ? *options.normalize : read_normalize(model->files_, config);
  model->default_max_length_ = read_max_length(model->files_, config);
  model->median_token_length_ = median_code_point_length(*model->tokenizer_);
  model->unk_id_ = model->tokenizer_->unk_id();
  model->word_ids_ = WordCacheIds::create(model->tokenizer_);
  return model;
}

void StaticModel::token_ids(std::string_view text, size_t max_length, std::vector<uint32_t>& ids) const {
  ids.clear();
  const size_t max_chars = char_limit(max_length);
  if (max_chars < text.size()) text = text.substr(0, prefix_bytes_for_chars(text, max_chars));
  // Either may stop once max_length ids exist.
  if (!word_ids_ || !word_ids_->encode_ids(text, max_length, ids)) tokenizer_->encode_ids(text, false, ids, max_length);
  if (ids.size() > max_length) ids.resize(max_length);
  if (unk_id_) ids.erase(std::remove(ids.begin(), ids.end(), *unk_id_), ids.end());
}

void StaticModel::prefetch_rows(const std::vector<uint32_t>& ids) const noexcept {
  if (ids.size() >= kCountRepeatsFrom) return;  // long texts: the counted path prefetches its distinct rows
  const size_t bytes = table_.row_bytes();
  for (uint32_t id : ids) {
    const auto* r = static_cast<const uint8_t*>(table_.row_for_token(id));
    for (size_t b = 0; b < bytes; b += 64) __builtin_prefetch(r + b);
  }
}

void StaticModel::pool_ids(const std::vector<uint32_t>& ids, float* out) const {
  const size_t d = dim();
  if (ids.empty()) {
    std::memset(out, 0, d * sizeof(float));
    return;  // model2vec gives an all-zero vector, never NaN
  }
  const float inv_count = 1.0f / static_cast<float>(ids.size());
  if (table_.row_type() == kernels::RowType::I8 && !table_.has_weights()) {
    // Unweighted int8: sum exactly in int32 (the float path sums the same integers exactly, so the
    // result is bit-identical), then scale once. Rows are prefetched first: they are scattered over
    // the table and the sum reads them block by block.
    thread_local std::vector<const int8_t*> rows;
    thread_local std::vector<int32_t> acc;
    acc.resize(d);
    if (ids.size() >= kCountRepeatsFrom && ids.size() <= 0xFFFF) {
      // Long texts repeat tokens: read each distinct row once, times its count (exact in int32 too).
      // The rows are the bandwidth: a 512-token email reads 128 KiB of rows, a third of them distinct.
      thread_local std::vector<uint16_t> times_of;  // by token id, all zero between texts
      thread_local std::vector<uint32_t> distinct, times;
      distinct.clear();
      for (uint32_t id : ids) {
        if (id >= times_of.size()) times_of.resize(std::max<size_t>(id + 1, table_.rows()), 0);
        if (times_of[id]++ == 0) distinct.push_back(id);
      }
      rows.resize(distinct.size());
      times.resize(distinct.size());
      for (size_t t = 0; t < distinct.size(); t++) {
        const auto* r = static_cast<const int8_t*>(table_.row_for_token(distinct[t]));
        for (size_t b = 0; b < d; b += 64) __builtin_prefetch(r + b);
        rows[t] = r;
        times[t] = times_of[distinct[t]];
        times_of[distinct[t]] = 0;
      }
      kernels::sum_i8_counted_kernel()(rows.data(), times.data(), rows.size(), acc.data(), d);
      kernels::finish_i32(acc.data(), out, d, normalize_, inv_count);
      return;
    }
    rows.resize(ids.size());
    for (size_t t = 0; t < ids.size(); t++) {
      const auto* r = static_cast<const int8_t*>(table_.row_for_token(ids[t]));
      for (size_t b = 0; b < d; b += 64) __builtin_prefetch(r + b);
      rows[t] = r;
    }
    kernels::sum_i8_kernel()(rows.data(), rows.size(), acc.data(), d);
    kernels::finish_i32(acc.data(), out, d, normalize_, inv_count);
    return;
  }
  std::memset(out, 0, d * sizeof(float));
  const auto accumulate = kernels::accumulate_kernel(table_.row_type());
  for (uint32_t id : ids) accumulate(table_.row_for_token(id), table_.weight_for_token(id), out, d);
  if (normalize_) {
    // Normalizing the mean equals normalizing the sum; skip the division when it cancels anyway.
    double norm = kernels::l2_norm(out, d);
    if (norm > 0) kernels::scale(out, static_cast<float>(1.0 / norm), d);
  } else {
    kernels::scale(out, inv_count, d);
  }
}

void StaticModel::encode(const std::string_view* texts, size_t n, size_t max_length, float* out, ThreadPool* pool) const {
  const size_t d = dim();
  auto body = [&](size_t begin, size_t end) {
    // Software-pipelined: text i+1 is tokenized (and its rows prefetched) before text i is pooled, so a
    // short text's rows (scattered over the table, mostly L3 misses) have a whole tokenization to arrive.
    std::vector<uint32_t> ids, next;
    ids.reserve(256);
    next.reserve(256);
    if (begin < end) {
      token_ids(texts[begin], max_length, ids);
      prefetch_rows(ids);
    }
    for (size_t i = begin; i < end; i++) {
      if (i + 1 < end) {
        token_ids(texts[i + 1], max_length, next);
        prefetch_rows(next);
      }
      pool_ids(ids, out + i * d);
      ids.swap(next);
    }
  };
  if (pool)
    pool->parallel_for(n, 64, body);
  else
    body(0, n);
}

SequenceOutput StaticModel::encode_sequence(const std::string_view* texts, size_t n, size_t max_length, ThreadPool* pool) const {
  // Tokenize first (in parallel), then lay the rows out contiguously.
  std::vector<std::vector<uint32_t>> all_ids(n);
  auto tokenize = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; i++) token_ids(texts[i], max_length, all_ids[i]);
  };
  if (pool) pool->parallel_for(n, 64, tokenize); else tokenize(0, n);
  SequenceOutput result;
  result.counts.resize(n);
  std::vector<size_t> starts(n);
  size_t total = 0;
  for (size_t i = 0; i < n; i++) {
    starts[i] = total;
    result.counts[i] = static_cast<uint32_t>(all_ids[i].size());
    total += all_ids[i].size();
  }
  const size_t d = dim();
  result.data.resize(total * d);
  auto fill = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; i++)
      for (size_t t = 0; t < all_ids[i].size(); t++) {
        uint32_t id = all_ids[i][t];
        kernels::widen_row(table_.row_type(), table_.row_for_token(id), table_.weight_for_token(id),
                           result.data.data() + (starts[i] + t) * d, d);
      }
  };
  if (pool) pool->parallel_for(n, 64, fill); else fill(0, n);
  return result;
}

}  // namespace embedkit::static_model
