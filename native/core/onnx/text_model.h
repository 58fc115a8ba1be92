// A transformer text model run through onnxruntime: dense embeddings (pooling CLS or attention-masked
// mean, optional L2 normalization, or a graph that pools itself) and cross-encoder reranking
// (score = logits[:, 0]). Folder layout as on the Hugging Face hub: tokenizer.json, config.json,
// tokenizer_config.json and the ONNX file (onnx/model.onnx by default).
//
// Batching: texts are sorted by length (UTF-8 bytes, then tokens), cut into batches of at most
// `batch_size` texts and `max_batch_tokens` padded tokens (and cut where texts get shorter than half
// the batch's longest), each padded to its own longest; the next
// chunk is tokenized on the pool while the current one runs; pooled rows land at their input positions.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "onnx/session.h"
#include "onnx/text_encoder.h"
#include "threads/thread_pool.h"

namespace embedkit::onnx {

enum class Task { Embed, Rerank };
// None: the selected output is already one vector per text (e.g. sentence_embedding).
enum class Pooling { Cls, Mean, None };

struct TextModelOptions {
  Task task = Task::Embed;
  std::string name;                          // for messages; default: the folder
  std::string onnx_file = "onnx/model.onnx";  // relative to the folder, or absolute
  Pooling pooling = Pooling::Cls;            // for 3-D outputs; 2-D outputs are taken as they are
  bool normalize = true;                     // L2 (embeddings only)
  size_t max_length = 0;                     // 0: the model's own (tokenizer_config model_max_length)
  std::string output;                        // output name; "" picks as the class comment says
  SessionConfig session;
  std::vector<std::string> runtime_dirs;  // where the onnxruntime-node package keeps libonnxruntime
};

// Parses "cls" / "mean" / "none"; throws Error(Argument).
Pooling parse_pooling(const std::string& name);
const char* pooling_name(Pooling p) noexcept;

class TextModel {
 public:
  // Throws Error(NotFound) for missing files, Error(Format) for a graph without input_ids or the
  // expected output or with an unexpected output shape (a one-text probe runs at load), each naming
  // the model.
  static std::shared_ptr<const TextModel> load(const std::string& folder, const TextModelOptions& options);
  ~TextModel();

  // Embedding dimension, or the number of logits for a cross-encoder.
  size_t dim() const noexcept { return dim_; }
  size_t max_length() const noexcept { return encoder_->max_length(); }
  const TextModelOptions& options() const noexcept { return options_; }
  const Session& session() const noexcept { return *session_; }
  const std::string& output_name() const noexcept { return output_name_; }
  const std::string& onnx_path() const noexcept { return onnx_path_; }
  const std::string& folder() const noexcept { return folder_; }
  bool output_is_pooled() const noexcept { return output_rank_ == 2; }
  int64_t pad_id() const noexcept { return pad_id_; }

  // n rows of dim() floats into `out` (input order). `pool` runs the tokenizer prefetch (nullptr: inline).
  void embed(const std::string_view* texts, size_t n, size_t batch_size, size_t max_batch_tokens, float* out,
             ThreadPool* pool) const;
  // One score per document: logits[:, 0] of (query, document), sigmoid applied when asked.
  void rerank(std::string_view query, const std::string_view* docs, size_t n, size_t batch_size, size_t max_batch_tokens,
              bool sigmoid, float* out, ThreadPool* pool) const;

  struct Workspace;

 private:
  TextModel() = default;
  struct Chunk;
  void encode_chunk(Chunk& chunk, std::string_view query, const std::string_view* texts, const size_t* order, size_t count,
                    size_t batch_size, size_t max_batch_tokens) const;
  // Runs the chunk's batches, writing row results through `sink(input_index, output_row)`.
  void run_chunk(const Chunk& chunk, Workspace& ws, float* out, bool sigmoid) const;
  void run_batch(const Chunk& chunk, size_t begin, size_t end, Workspace& ws, float* out, bool sigmoid) const;
  void probe();
  std::unique_ptr<Workspace> acquire() const;
  void release(std::unique_ptr<Workspace> ws) const;
  void process(std::string_view query, const std::string_view* texts, size_t n, size_t batch_size, size_t max_batch_tokens,
               bool sigmoid, float* out, ThreadPool* pool) const;

  TextModelOptions options_;
  std::string folder_, onnx_path_;
  std::unique_ptr<Session> session_;
  std::unique_ptr<TextEncoder> encoder_;
  int64_t pad_id_ = 0;
  // Graph inputs in the graph's order: which of ours feeds each.
  enum class Feed { Ids, Mask, Types };
  std::vector<Feed> feeds_;
  std::vector<std::string> input_names_;
  std::string output_name_;
  size_t output_rank_ = 0;
  size_t dim_ = 0;
  mutable std::mutex workspaces_mutex_;
  mutable std::vector<std::unique_ptr<Workspace>> workspaces_;
};

}  // namespace embedkit::onnx
