#include "onnx/session.h"

#include <sys/stat.h>

#include <algorithm>
#include <mutex>

#include "common/error.h"
#include "onnx/ort_library.h"

namespace embedkit::onnx {

namespace {

GraphOptimizationLevel optimization_level(const std::string& name, const std::string& model) {
  if (name == "disable") return ORT_DISABLE_ALL;
  if (name == "basic") return ORT_ENABLE_BASIC;
  if (name == "extended") return ORT_ENABLE_EXTENDED;
  if (name == "all") return ORT_ENABLE_ALL;
  throw Error(ErrorKind::Argument, "model " + model + ": graphOptimizationLevel must be 'disable', 'basic', 'extended' or 'all', got '" + name + "'");
}

std::vector<std::string> available_providers(const OrtApi& api) {
  char** names = nullptr;
  int count = 0;
  std::vector<std::string> out;
  if (api.GetAvailableProviders(&names, &count) != nullptr) return out;
  for (int i = 0; i < count; i++) out.emplace_back(names[i]);
  if (OrtStatus* st = api.ReleaseAvailableProviders(names, count)) api.ReleaseStatus(st);
  return out;
}

// onnxruntime's messages end with a newline and repeat its source path; keep the message itself.
std::string status_message(const OrtApi& api, OrtStatus* st) {
  std::string m = api.GetErrorMessage(st);
  api.ReleaseStatus(st);
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  size_t cut = m.find("[ONNXRuntimeError] : ");
  if (cut != std::string::npos) m = m.substr(cut + 21);
  return m;
}

// Adds the CUDA provider; returns "" on success, else why it is not available.
std::string append_cuda(const OrtApi& api, OrtSessionOptions* options, int device_id) {
  std::vector<std::string> available = available_providers(api);
  if (std::find(available.begin(), available.end(), "CUDAExecutionProvider") == available.end()) {
    return "this onnxruntime build has no CUDA execution provider (it has: " + [&] {
      std::string s;
      for (const auto& a : available) s += (s.empty() ? "" : ", ") + a;
      return s;
    }() + ")";
  }
  OrtCUDAProviderOptionsV2* cuda = nullptr;
  if (OrtStatus* st = api.CreateCUDAProviderOptions(&cuda)) return "the CUDA provider cannot be used: " + status_message(api, st);
  std::string device = std::to_string(device_id);
  const char* keys[] = {"device_id"};
  const char* values[] = {device.c_str()};
  std::string why;
  // Either call fails when libonnxruntime_providers_cuda.so, CUDA or cuDNN is missing on this machine
  // (onnxruntime loads the provider library lazily).
  if (OrtStatus* st = api.UpdateCUDAProviderOptions(cuda, keys, values, 1)) {
    why = "the CUDA provider cannot be used: " + status_message(api, st);
  } else if (OrtStatus* st2 = api.SessionOptionsAppendExecutionProvider_CUDA_V2(options, cuda)) {
    why = "the CUDA provider cannot be used: " + status_message(api, st2);
  }
  api.ReleaseCUDAProviderOptions(cuda);
  return why;
}

std::vector<TensorSpec> read_specs(const OrtApi& api, OrtSession* session, bool inputs, const std::string& model) {
  size_t count = 0;
  check(inputs ? api.SessionGetInputCount(session, &count) : api.SessionGetOutputCount(session, &count), "model " + model);
  OrtAllocator* allocator = nullptr;
  check(api.GetAllocatorWithDefaultOptions(&allocator), "model " + model);
  std::vector<TensorSpec> specs(count);
  for (size_t i = 0; i < count; i++) {
    char* name = nullptr;
    check(inputs ? api.SessionGetInputName(session, i, allocator, &name) : api.SessionGetOutputName(session, i, allocator, &name),
          "model " + model);
    specs[i].name = name;
    check(api.AllocatorFree(allocator, name), "model " + model);
    OrtTypeInfo* type_info = nullptr;
    check(inputs ? api.SessionGetInputTypeInfo(session, i, &type_info) : api.SessionGetOutputTypeInfo(session, i, &type_info),
          "model " + model);
    ONNXType onnx_type = ONNX_TYPE_UNKNOWN;
    check(api.GetOnnxTypeFromTypeInfo(type_info, &onnx_type), "model " + model);
    if (onnx_type == ONNX_TYPE_TENSOR) {
      const OrtTensorTypeAndShapeInfo* tensor = nullptr;  // owned by type_info
      check(api.CastTypeInfoToTensorInfo(type_info, &tensor), "model " + model);
      check(api.GetTensorElementType(tensor, &specs[i].type), "model " + model);
      size_t rank = 0;
      check(api.GetDimensionsCount(tensor, &rank), "model " + model);
      specs[i].dims.resize(rank);
      check(api.GetDimensions(tensor, specs[i].dims.data(), rank), "model " + model);
    }
    api.ReleaseTypeInfo(type_info);
  }
  return specs;
}

bool file_exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

OrtEnv* shared_env() {
  static std::once_flag once;
  static OrtEnv* env = nullptr;
  static OrtStatus* failure = nullptr;
  std::call_once(once, [] {
    // Warnings and above only: onnxruntime's info logs would go to the user's stderr.
    failure = ort().CreateEnv(ORT_LOGGING_LEVEL_ERROR, "embedkit", &env);
  });
  if (!env) {
    // Leave `failure` alone: its message is reported by every later call too.
    throw Error(ErrorKind::Runtime, std::string("onnxruntime environment: ") + (failure ? ort().GetErrorMessage(failure) : "not created"));
  }
  return env;
}

Session::Session(const std::string& onnx_path, const std::string& model_name, const SessionConfig& config,
                 const std::vector<std::string>& runtime_dirs)
    : model_name_(model_name) {
  const OrtLibrary& library = ort_library(runtime_dirs);
  runtime_path_ = library.path;
  runtime_version_ = library.version;
  const OrtApi& api = *library.api;
  const std::string where = "model " + model_name;
  if (!file_exists(onnx_path)) throw Error(ErrorKind::NotFound, where + ": ONNX file " + onnx_path + " does not exist");
  GraphOptimizationLevel level = optimization_level(config.graph_optimization, model_name);
  if (config.execution_providers.empty()) throw Error(ErrorKind::Argument, where + ": executionProviders must name at least one provider");

  OrtSessionOptions* options = nullptr;
  check(api.CreateSessionOptions(&options), where);
  struct Guard {
    const OrtApi& api;
    OrtSessionOptions* options;
    ~Guard() { api.ReleaseSessionOptions(options); }
  } guard{api, options};
  if (config.intra_op_threads > 0) check(api.SetIntraOpNumThreads(options, config.intra_op_threads), where);
  if (config.inter_op_threads > 0) check(api.SetInterOpNumThreads(options, config.inter_op_threads), where);
  check(api.SetSessionGraphOptimizationLevel(options, level), where);
  check(config.cpu_mem_arena ? api.EnableCpuMemArena(options) : api.DisableCpuMemArena(options), where);

  const auto& wanted = config.execution_providers;
  for (size_t i = 0; i < wanted.size(); i++) {
    const std::string& p = wanted[i];
    const bool last = i + 1 == wanted.size();
    if (p == "cpu") {
      break;  // CPU is always there, as the last provider; anything after it is never reached
    } else if (p == "cuda") {
      std::string why = append_cuda(api, options, config.cuda_device_id);
      if (why.empty()) {
        providers_.push_back("CUDAExecutionProvider");
        continue;
      }
      if (last) throw Error(ErrorKind::Unsupported, where + ": execution provider 'cuda' was requested but " + why + " (runtime " + runtime_path_ + "). Add 'cpu' to executionProviders to fall back to the CPU.");
      fallbacks_.push_back("cuda: " + why);
    } else {
      throw Error(ErrorKind::Argument, where + ": unknown execution provider '" + p + "' (known: 'cuda', 'cpu')");
    }
  }
  providers_.push_back("CPUExecutionProvider");

  OrtStatus* status = api.CreateSession(shared_env(), onnx_path.c_str(), options, &session_);
  if (status) {
    OrtErrorCode code = api.GetErrorCode(status);
    std::string message = status_message(api, status);
    // A file that is there but does not parse (truncated, not ONNX, unknown operators) is a format problem.
    ErrorKind kind = code == ORT_NO_SUCHFILE ? ErrorKind::NotFound : ErrorKind::Format;
    throw Error(kind, where + ": onnxruntime cannot load " + onnx_path + ": " + message);
  }
  try {
    inputs_ = read_specs(api, session_, true, model_name);
    outputs_ = read_specs(api, session_, false, model_name);
  } catch (...) {
    api.ReleaseSession(session_);
    throw;
  }
}

Session::~Session() {
  if (session_) ort().ReleaseSession(session_);
}

int Session::input_index(const std::string& name) const noexcept {
  for (size_t i = 0; i < inputs_.size(); i++)
    if (inputs_[i].name == name) return static_cast<int>(i);
  return -1;
}

int Session::output_index(const std::string& name) const noexcept {
  for (size_t i = 0; i < outputs_.size(); i++)
    if (outputs_[i].name == name) return static_cast<int>(i);
  return -1;
}

void Session::run(const char* const* input_names, const OrtValue* const* inputs, size_t input_count,
                  const char* const* output_names, OrtValue** outputs, size_t output_count) const {
  check(ort().Run(session_, nullptr, input_names, inputs, input_count, output_names, output_count, outputs),
        "model " + model_name_ + ": inference failed");
}

OrtValue* tensor_view(void* data, size_t bytes, const int64_t* shape, size_t rank, ONNXTensorElementDataType type) {
  const OrtApi& api = ort();
  static OrtMemoryInfo* cpu = [&] {
    OrtMemoryInfo* info = nullptr;
    check(api.CreateCpuMemoryInfo(OrtDeviceAllocator, OrtMemTypeDefault, &info), "onnxruntime CPU memory info");
    return info;
  }();
  OrtValue* value = nullptr;
  check(api.CreateTensorWithDataAsOrtValue(cpu, data, bytes, shape, rank, type, &value), "onnxruntime tensor");
  return value;
}

const char* element_type_name(ONNXTensorElementDataType type) noexcept {
  switch (type) {
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT: return "float32";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16: return "float16";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE: return "float64";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64: return "int64";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32: return "int32";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8: return "int8";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8: return "uint8";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL: return "bool";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING: return "string";
    default: return "other";
  }
}

}  // namespace embedkit::onnx
