// One onnxruntime inference session over an ONNX file: session options (threads, graph optimization,
// CPU arena, execution providers), the graph's inputs and outputs as discovered from the file, and Run.
// Run is thread-safe (onnxruntime allows concurrent Run on one session).
#pragma once
#include <onnxruntime_c_api.h>

#include <cstdint>
#include <string>
#include <vector>

namespace embedkit::onnx {

struct SessionConfig {
  int intra_op_threads = 0;  // 0: onnxruntime's default (one per physical core)
  int inter_op_threads = 0;
  // "disable", "basic", "extended", "all" (onnxruntime's GraphOptimizationLevel).
  std::string graph_optimization = "all";
  bool cpu_mem_arena = true;
  // In order of preference: "cuda", "cpu". A provider the runtime lacks is skipped (with a note in
  // `fallbacks`) when a later one remains; when it is the last, Error(Unsupported).
  std::vector<std::string> execution_providers{"cpu"};
  int cuda_device_id = 0;
};

// A graph input or output: name, element type, and dims (-1 where symbolic).
struct TensorSpec {
  std::string name;
  ONNXTensorElementDataType type = ONNX_TENSOR_ELEMENT_DATA_TYPE_UNDEFINED;
  std::vector<int64_t> dims;
};

class Session {
 public:
  // `model_name` names the model in every error message. Throws Error(NotFound) for a missing file,
  // Error(Format) for a file onnxruntime cannot load, Error(Unsupported) for a requested provider the
  // runtime does not have (see SessionConfig), Error(Runtime) when onnxruntime is absent.
  Session(const std::string& onnx_path, const std::string& model_name, const SessionConfig& config,
          const std::vector<std::string>& runtime_dirs);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  const std::vector<TensorSpec>& inputs() const noexcept { return inputs_; }
  const std::vector<TensorSpec>& outputs() const noexcept { return outputs_; }
  // Index of the input/output with this name, or -1.
  int input_index(const std::string& name) const noexcept;
  int output_index(const std::string& name) const noexcept;

  // The providers actually in use ("CUDAExecutionProvider", ...; CPU is always last) and the
  // messages of providers that were asked for but skipped.
  const std::vector<std::string>& providers() const noexcept { return providers_; }
  const std::vector<std::string>& fallbacks() const noexcept { return fallbacks_; }
  const std::string& runtime_path() const noexcept { return runtime_path_; }
  const std::string& runtime_version() const noexcept { return runtime_version_; }

  // Runs the graph. `inputs[i]` feeds input `input_names[i]`; `outputs` (size = output_names) may hold
  // preallocated values to fill, or nullptr for onnxruntime to allocate (the caller releases them).
  void run(const char* const* input_names, const OrtValue* const* inputs, size_t input_count,
           const char* const* output_names, OrtValue** outputs, size_t output_count) const;

  const std::string& model_name() const noexcept { return model_name_; }

 private:
  OrtSession* session_ = nullptr;
  std::string model_name_;
  std::vector<TensorSpec> inputs_;
  std::vector<TensorSpec> outputs_;
  std::vector<std::string> providers_;
  std::vector<std::string> fallbacks_;
  std::string runtime_path_;
  std::string runtime_version_;
};

// The process-wide onnxruntime environment (onnxruntime wants exactly one), created on first use.
OrtEnv* shared_env();

// Wraps `data` (not copied, not owned) as a CPU tensor. The caller releases the value before `data`.
OrtValue* tensor_view(void* data, size_t bytes, const int64_t* shape, size_t rank, ONNXTensorElementDataType type);

// Element type name for messages ("int64", "float", ...).
const char* element_type_name(ONNXTensorElementDataType type) noexcept;

}  // namespace embedkit::onnx
