#include "onnx/text_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "common/error.h"
#include "io/json.h"
#include "io/mapped_file.h"
#include "kernels/pooling.h"
#include "onnx/ort_library.h"
#include "onnx/prefetch.h"

namespace embedkit::onnx {

// Texts of one chunk, tokenized back to back, and its batches (ranges of `rows`, longest first).
struct TextModel::Chunk {
  std::vector<uint32_t> ids, types;
  std::vector<size_t> starts;   // row r's tokens: [starts[r], starts[r] + lengths[r])
  std::vector<size_t> lengths;
  std::vector<size_t> index;    // row r's input position
  std::vector<size_t> rows;     // rows sorted by token length, longest first
  std::vector<size_t> batch_ends;  // batch b = rows[batch_ends[b-1] .. batch_ends[b])
};

// Buffers reused from batch to batch and from call to call (grown, never shrunk).
struct TextModel::Workspace {
  std::vector<int64_t> ids, mask, types;
  std::vector<int32_t> ids32, mask32, types32;
  std::vector<float> output;
  std::vector<uint32_t> scratch_ids, scratch_types;
};

namespace {

constexpr size_t kDefaultMaxLength = 512;
// Above this, tokenizer_config's model_max_length is the "no limit" sentinel (int(1e30) in transformers).
constexpr int64_t kUnsetMaxLength = 1000000000;

std::string shape_string(const int64_t* dims, size_t rank) {
  std::string s = "[";
  for (size_t i = 0; i < rank; i++) s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + "]";
}

std::string join_names(const std::vector<TensorSpec>& specs) {
  std::string s;
  for (const auto& t : specs) s += (s.empty() ? "'" : ", '") + t.name + "' (" + element_type_name(t.type) + ")";
  return s.empty() ? "none" : s;
}

const json::Value* read_json_if_present(const std::string& path, json::Value& holder) {
  if (!io::file_exists(path)) return nullptr;
  holder = json::parse(io::read_file(path), path);
  return &holder;
}

}  // namespace

Pooling parse_pooling(const std::string& name) {
  if (name == "cls") return Pooling::Cls;
  if (name == "mean") return Pooling::Mean;
  if (name == "none") return Pooling::None;
  throw Error(ErrorKind::Argument, "pooling must be 'cls', 'mean' or 'none', got '" + name + "'");
}

const char* pooling_name(Pooling p) noexcept {
  return p == Pooling::Cls ? "cls" : p == Pooling::Mean ? "mean" : "none";
}

TextModel::~TextModel() = default;

std::shared_ptr<const TextModel> TextModel::load(const std::string& folder, const TextModelOptions& options) {
  std::shared_ptr<TextModel> model(new TextModel());
  model->options_ = options;
  model->folder_ = folder;
  if (model->options_.name.empty()) model->options_.name = folder;
  const std::string name = "'" + model->options_.name + "'";
  const std::string where = "model " + name;

  // Files.
  std::string tokenizer_path = folder + "/tokenizer.json";
  if (!io::file_exists(tokenizer_path)) throw Error(ErrorKind::NotFound, where + ": " + tokenizer_path + " does not exist");
  model->onnx_path_ = !options.onnx_file.empty() && options.onnx_file[0] == '/' ? options.onnx_file : folder + "/" + options.onnx_file;
  json::Value config_holder, tok_config_holder;
  const json::Value* config = read_json_if_present(folder + "/config.json", config_holder);
  const json::Value* tok_config = read_json_if_present(folder + "/tokenizer_config.json", tok_config_holder);

  // Maximum length: tokenizer_config's model_max_length (as FastEmbed and transformers use it), else
  // config.json's max_position_embeddings, else 512; a caller's maxLength can only lower it.
  size_t max_length = kDefaultMaxLength;
  const json::Value* mml = tok_config ? tok_config->find("model_max_length") : nullptr;
  const json::Value* mpe = config ? config->find("max_position_embeddings") : nullptr;
  if (mml && mml->is_number() && mml->as_number() > 0 && mml->as_number() < static_cast<double>(kUnsetMaxLength)) {
    max_length = static_cast<size_t>(mml->as_number());
  } else if (mpe && mpe->is_integer() && mpe->as_int() > 0) {
    max_length = static_cast<size_t>(mpe->as_int());
  }
  if (options.max_length > 0) max_length = std::min(max_length, options.max_length);

  // Padding id: tokenizer.json's own padding if it defines one, else config.json's pad_token_id (FastEmbed's rule).
  auto tokenizer = tok::Tokenizer::from_file(tokenizer_path);
  const json::Value* cfg_pad = config ? config->find("pad_token_id") : nullptr;
  if (tokenizer->file_padding()) model->pad_id_ = tokenizer->file_padding()->pad_id;
  else if (cfg_pad && cfg_pad->is_integer()) model->pad_id_ = cfg_pad->as_int();
  model->encoder_ = std::make_unique<TextEncoder>(tokenizer, max_length);

  model->session_ = std::make_unique<Session>(model->onnx_path_, model->options_.name, options.session, options.runtime_dirs);
  const Session& s = *model->session_;

  // Inputs: input_ids always; attention_mask and token_type_ids when the graph declares them.
  bool has_ids = false;
  for (const TensorSpec& in : s.inputs()) {
    Feed feed;
    if (in.name == "input_ids") feed = Feed::Ids, has_ids = true;
    else if (in.name == "attention_mask") feed = Feed::Mask;
    else if (in.name == "token_type_ids") feed = Feed::Types;
    else
      throw Error(ErrorKind::Unsupported, where + ": the graph needs input '" + in.name + "', which embedkit does not feed " +
                                              "(it feeds input_ids, attention_mask, token_type_ids); inputs: " + join_names(s.inputs()));
    if (in.type != ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 && in.type != ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32)
      throw Error(ErrorKind::Format, where + ": input '" + in.name + "' has element type " + element_type_name(in.type) + ", expected int64");
    if (in.dims.size() != 2)
      throw Error(ErrorKind::Format, where + ": input '" + in.name + "' has rank " + std::to_string(in.dims.size()) + ", expected [batch, sequence]");
    model->feeds_.push_back(feed);
    model->input_names_.push_back(in.name);
  }
  if (!has_ids) throw Error(ErrorKind::Format, where + ": the graph has no input 'input_ids'; its inputs are " + join_names(s.inputs()));

  // Output: the caller's, else by name in the order the spec gives, else the first.
  const std::vector<std::string> preferred =
      options.task == Task::Rerank ? std::vector<std::string>{"logits"}
                                   : std::vector<std::string>{"last_hidden_state", "token_embeddings", "sentence_embedding"};
  if (!options.output.empty()) {
    if (s.output_index(options.output) < 0)
      throw Error(ErrorKind::Format, where + ": the graph has no output '" + options.output + "'; its outputs are " + join_names(s.outputs()));
    model->output_name_ = options.output;
  } else {
    for (const auto& p : preferred)
      if (s.output_index(p) >= 0) {
        model->output_name_ = p;
        break;
      }
    if (model->output_name_.empty()) {
      if (s.outputs().empty()) throw Error(ErrorKind::Format, where + ": the graph has no outputs");
      model->output_name_ = s.outputs()[0].name;
    }
  }
  const TensorSpec& out = s.outputs()[static_cast<size_t>(s.output_index(model->output_name_))];
  if (out.type != ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT)
    throw Error(ErrorKind::Unsupported, where + ": output '" + out.name + "' has element type " + element_type_name(out.type) + "; embedkit reads float32 outputs");
  model->probe();
  return model;
}

// Runs one short text through the graph to learn (and check) the output's shape before any real work.
void TextModel::probe() {
  const std::string where = "model '" + options_.name + "'";
  Chunk chunk;
  // One short word (an empty text may have no tokens at all when the tokenizer adds no special tokens).
  std::string_view text("a");
  encode_chunk(chunk, text, &text, nullptr, 1, 1, SIZE_MAX);
  size_t len = chunk.lengths[0];
  Workspace ws;
  ws.ids.assign(len, 0), ws.mask.assign(len, 1), ws.types.assign(len, 0);
  ws.ids32.assign(len, 0), ws.mask32.assign(len, 1), ws.types32.assign(len, 0);
  for (size_t t = 0; t < len; t++) ws.ids[t] = ws.ids32[t] = static_cast<int32_t>(chunk.ids[t]), ws.types[t] = ws.types32[t] = chunk.types[t];
  const OrtApi& api = ort();
  int64_t shape[2] = {1, static_cast<int64_t>(len)};
  std::vector<OrtValue*> inputs;
  std::vector<const char*> names;
  for (size_t i = 0; i < feeds_.size(); i++) {
    bool wide = session_->inputs()[i].type == ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64;
    void* data = feeds_[i] == Feed::Ids ? (wide ? static_cast<void*>(ws.ids.data()) : ws.ids32.data())
                 : feeds_[i] == Feed::Mask ? (wide ? static_cast<void*>(ws.mask.data()) : ws.mask32.data())
                                           : (wide ? static_cast<void*>(ws.types.data()) : ws.types32.data());
    inputs.push_back(tensor_view(data, len * (wide ? 8 : 4), shape, 2, session_->inputs()[i].type));
    names.push_back(input_names_[i].c_str());
  }
  OrtValue* output = nullptr;
  const char* out_name = output_name_.c_str();
  auto release_all = [&] {
    for (OrtValue* v : inputs) api.ReleaseValue(v);
    if (output) api.ReleaseValue(output);
  };
  try {
    session_->run(names.data(), inputs.data(), inputs.size(), &out_name, &output, 1);
    OrtTensorTypeAndShapeInfo* info = nullptr;
    check(api.GetTensorTypeAndShape(output, &info), where);
    size_t rank = 0;
    check(api.GetDimensionsCount(info, &rank), where);
    std::vector<int64_t> dims(rank);
    check(api.GetDimensions(info, dims.data(), rank), where);
    api.ReleaseTensorTypeAndShapeInfo(info);
    std::string got = shape_string(dims.data(), rank);
    if (options_.task == Task::Embed) {
      if (rank == 3 && dims[0] == 1 && dims[1] == static_cast<int64_t>(len) && dims[2] > 0) {
        dim_ = static_cast<size_t>(dims[2]);
      } else if (rank == 2 && dims[0] == 1 && dims[1] > 0) {
        dim_ = static_cast<size_t>(dims[1]);
      } else {
        throw Error(ErrorKind::Format, where + ": output '" + output_name_ + "' has shape " + got + " for 1 text of " + std::to_string(len) +
                                           " tokens; expected [batch, tokens, hidden] = [1, " + std::to_string(len) + ", hidden] or [batch, dim] = [1, dim]");
      }
    } else {
      if (rank == 2 && dims[0] == 1 && dims[1] > 0) {
        dim_ = static_cast<size_t>(dims[1]);
      } else if (rank == 1 && dims[0] == 1) {
        dim_ = 1;
      } else {
        throw Error(ErrorKind::Format, where + ": output '" + output_name_ + "' has shape " + got + " for 1 pair; expected [batch, labels] = [1, labels]");
      }
    }
    output_rank_ = rank;
  } catch (...) {
    release_all();
    throw;
  }
  release_all();
}

void TextModel::encode_chunk(Chunk& chunk, std::string_view query, const std::string_view* texts, const size_t* order, size_t count,
                             size_t batch_size, size_t max_batch_tokens) const {
  chunk.ids.clear(), chunk.types.clear(), chunk.starts.clear(), chunk.lengths.clear(), chunk.index.clear();
  std::vector<uint32_t> ids, types;
  for (size_t k = 0; k < count; k++) {
    size_t i = order ? order[k] : k;
    if (options_.task == Task::Rerank) encoder_->encode_pair(query, texts[i], ids, types);
    else encoder_->encode(texts[i], ids, types);
    chunk.starts.push_back(chunk.ids.size());
    chunk.lengths.push_back(ids.size());
    chunk.index.push_back(i);
    chunk.ids.insert(chunk.ids.end(), ids.begin(), ids.end());
    chunk.types.insert(chunk.types.end(), types.begin(), types.end());
  }
  // Exact token lengths now known: longest first, then batches bounded by count and padded tokens.
  chunk.rows.resize(count);
  std::iota(chunk.rows.begin(), chunk.rows.end(), size_t{0});
  std::stable_sort(chunk.rows.begin(), chunk.rows.end(), [&](size_t a, size_t b) { return chunk.lengths[a] > chunk.lengths[b]; });
  chunk.batch_ends.clear();
  size_t begin = 0;
  while (begin < count) {
    size_t longest = chunk.lengths[chunk.rows[begin]];
    size_t fit = std::max<size_t>(1, max_batch_tokens / std::max<size_t>(1, longest));
    size_t limit = std::min(count, begin + std::min(batch_size, fit));
    // A text shorter than half the batch's longest starts a new batch: padding is pure wasted compute,
    // while one more run costs only its fixed overhead.
    size_t end = begin + 1;
    while (end < limit && chunk.lengths[chunk.rows[end]] * 2 >= longest) end++;
    chunk.batch_ends.push_back(end);
    begin = end;
  }
}

void TextModel::run_chunk(const Chunk& chunk, Workspace& ws, float* out, bool sigmoid) const {
  size_t begin = 0;
  for (size_t end : chunk.batch_ends) {
    run_batch(chunk, begin, end, ws, out, sigmoid);
    begin = end;
  }
}

void TextModel::run_batch(const Chunk& chunk, size_t begin, size_t end, Workspace& ws, float* out, bool sigmoid) const {
  const size_t rows = end - begin;
  // Longest first: the batch's own longest (at least 1: a text may have no tokens, a tensor needs a column).
  const size_t seq = std::max<size_t>(1, chunk.lengths[chunk.rows[begin]]);
  const size_t cells = rows * seq;
  // Inputs, padded on the right to the batch's longest.
  bool need64 = false, need32 = false;
  for (const auto& in : session_->inputs()) (in.type == ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 ? need64 : need32) = true;
  if (need64) ws.ids.resize(cells), ws.mask.resize(cells), ws.types.resize(cells);
  if (need32) ws.ids32.resize(cells), ws.mask32.resize(cells), ws.types32.resize(cells);
  for (size_t r = 0; r < rows; r++) {
    size_t row = chunk.rows[begin + r];
    size_t start = chunk.starts[row], len = chunk.lengths[row];
    const uint32_t* ids = chunk.ids.data() + start;
    const uint32_t* types = chunk.types.data() + start;
    size_t base = r * seq;
    if (need64) {
      for (size_t t = 0; t < len; t++) ws.ids[base + t] = ids[t], ws.mask[base + t] = 1, ws.types[base + t] = types[t];
      std::fill(ws.ids.begin() + base + len, ws.ids.begin() + base + seq, pad_id_);
      std::fill(ws.mask.begin() + base + len, ws.mask.begin() + base + seq, 0);
      std::fill(ws.types.begin() + base + len, ws.types.begin() + base + seq, 0);
    }
    if (need32) {
      for (size_t t = 0; t < len; t++)
        ws.ids32[base + t] = static_cast<int32_t>(ids[t]), ws.mask32[base + t] = 1, ws.types32[base + t] = static_cast<int32_t>(types[t]);
      std::fill(ws.ids32.begin() + base + len, ws.ids32.begin() + base + seq, static_cast<int32_t>(pad_id_));
      std::fill(ws.mask32.begin() + base + len, ws.mask32.begin() + base + seq, 0);
      std::fill(ws.types32.begin() + base + len, ws.types32.begin() + base + seq, 0);
    }
  }
  const OrtApi& api = ort();
  int64_t in_shape[2] = {static_cast<int64_t>(rows), static_cast<int64_t>(seq)};
  OrtValue* inputs[3] = {nullptr, nullptr, nullptr};
  const char* names[3];
  OrtValue* output = nullptr;
  auto release_all = [&] {
    for (OrtValue* v : inputs)
      if (v) api.ReleaseValue(v);
    if (output) api.ReleaseValue(output);
  };
  try {
    for (size_t i = 0; i < feeds_.size(); i++) {
      bool is64 = session_->inputs()[i].type == ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64;
      void* data = feeds_[i] == Feed::Ids ? (is64 ? static_cast<void*>(ws.ids.data()) : ws.ids32.data())
                   : feeds_[i] == Feed::Mask ? (is64 ? static_cast<void*>(ws.mask.data()) : ws.mask32.data())
                                             : (is64 ? static_cast<void*>(ws.types.data()) : ws.types32.data());
      inputs[i] = tensor_view(data, cells * (is64 ? 8 : 4), in_shape, 2, session_->inputs()[i].type);
      names[i] = input_names_[i].c_str();
    }
    // Output written into our reused buffer (shape known from the probe; onnxruntime checks it).
    int64_t out_shape[3];
    size_t out_rank = output_rank_;
    if (out_rank == 3) out_shape[0] = static_cast<int64_t>(rows), out_shape[1] = static_cast<int64_t>(seq), out_shape[2] = static_cast<int64_t>(dim_);
    else if (out_rank == 2) out_shape[0] = static_cast<int64_t>(rows), out_shape[1] = static_cast<int64_t>(dim_);
    else out_shape[0] = static_cast<int64_t>(rows);
    size_t out_count = out_rank == 3 ? rows * seq * dim_ : out_rank == 2 ? rows * dim_ : rows;
    if (ws.output.size() < out_count) ws.output.resize(out_count);
    output = tensor_view(ws.output.data(), out_count * sizeof(float), out_shape, out_rank, ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT);
    const char* out_name = output_name_.c_str();
    session_->run(names, inputs, feeds_.size(), &out_name, &output, 1);
  } catch (...) {
    release_all();
    throw;
  }
  release_all();

  // Pooling (SIMD kernels) straight into the caller's rows.
  const float* hidden = ws.output.data();
  if (options_.task == Task::Rerank) {
    for (size_t r = 0; r < rows; r++) {
      size_t row = chunk.rows[begin + r];
      float logit = hidden[r * (output_rank_ == 1 ? 1 : dim_)];
      out[chunk.index[row]] = sigmoid ? static_cast<float>(1.0 / (1.0 + std::exp(-static_cast<double>(logit)))) : logit;
    }
    return;
  }
  auto accumulate = kernels::accumulate_kernel(kernels::RowType::F32);
  for (size_t r = 0; r < rows; r++) {
    size_t row = chunk.rows[begin + r];
    size_t len = chunk.lengths[row];
    float* dst = out + chunk.index[row] * dim_;
    if (output_rank_ == 2) {
      std::memcpy(dst, hidden + r * dim_, dim_ * sizeof(float));
    } else if (options_.pooling == Pooling::Mean) {
      // Attention-masked mean: the mask is 1 exactly on the first `len` positions (right padding).
      std::memset(dst, 0, dim_ * sizeof(float));
      const float* base = hidden + r * seq * dim_;
      for (size_t t = 0; t < len; t++) accumulate(base + t * dim_, 1.0f, dst, dim_);
      kernels::scale(dst, 1.0f / static_cast<float>(std::max<size_t>(len, 1)), dim_);
    } else {
      // CLS (and "none" on a per-token output, which means the first token too).
      std::memcpy(dst, hidden + r * seq * dim_, dim_ * sizeof(float));
    }
    if (options_.normalize) {
      double norm = kernels::l2_norm(dst, dim_);
      kernels::scale(dst, static_cast<float>(1.0 / std::max(norm, 1e-12)), dim_);
    }
  }
}

std::unique_ptr<TextModel::Workspace> TextModel::acquire() const {
  std::lock_guard<std::mutex> lock(workspaces_mutex_);
  if (workspaces_.empty()) return std::make_unique<Workspace>();
  auto ws = std::move(workspaces_.back());
  workspaces_.pop_back();
  return ws;
}

void TextModel::release(std::unique_ptr<Workspace> ws) const {
  std::lock_guard<std::mutex> lock(workspaces_mutex_);
  if (workspaces_.size() < 4) workspaces_.push_back(std::move(ws));
}

void TextModel::process(std::string_view query, const std::string_view* texts, size_t n, size_t batch_size, size_t max_batch_tokens,
                        bool sigmoid, float* out, ThreadPool* pool) const {
  if (n == 0) return;
  if (batch_size == 0) batch_size = 1;
  if (max_batch_tokens == 0) max_batch_tokens = SIZE_MAX;
  // Longest texts (in bytes) first; a chunk is a run of `batch_size` of them, tokenized as a unit.
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return texts[a].size() > texts[b].size(); });
  const size_t chunks = (n + batch_size - 1) / batch_size;
  auto workspace = acquire();
  Chunk current, next;
  encode_chunk(current, query, texts, order.data(), std::min(batch_size, n), batch_size, max_batch_tokens);
  for (size_t c = 0; c < chunks; c++) {
    std::unique_ptr<Prefetch> prefetch;
    if (c + 1 < chunks) {
      size_t start = (c + 1) * batch_size, count = std::min(batch_size, n - start);
      // Tokenize the next chunk on the pool while this one runs through the graph.
      prefetch = std::make_unique<Prefetch>(pool, [&, start, count] {
        encode_chunk(next, query, texts, order.data() + start, count, batch_size, max_batch_tokens);
      });
    }
    run_chunk(current, *workspace, out, sigmoid);
    if (prefetch) {
      prefetch->wait();
      std::swap(current, next);
    }
  }
  release(std::move(workspace));
}

void TextModel::embed(const std::string_view* texts, size_t n, size_t batch_size, size_t max_batch_tokens, float* out,
                      ThreadPool* pool) const {
  if (options_.task != Task::Embed) throw Error(ErrorKind::Argument, "model '" + options_.name + "' was loaded as a cross-encoder; use rerank");
  process(std::string_view(), texts, n, batch_size, max_batch_tokens, false, out, pool);
}

void TextModel::rerank(std::string_view query, const std::string_view* docs, size_t n, size_t batch_size, size_t max_batch_tokens,
                       bool sigmoid, float* out, ThreadPool* pool) const {
  if (options_.task != Task::Rerank) throw Error(ErrorKind::Argument, "model '" + options_.name + "' was loaded as an embedding model; use embed");
  process(query, docs, n, batch_size, max_batch_tokens, sigmoid, out, pool);
}

}  // namespace embedkit::onnx
