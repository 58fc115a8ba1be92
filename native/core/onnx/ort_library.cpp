#include "onnx/ort_library.h"

#include <cstdlib>
#include <mutex>

#if defined(_WIN32)
#include <windows.h>
#else
#include <dlfcn.h>
#endif

#include "common/error.h"

namespace embedkit::onnx {

namespace {

#if defined(_WIN32)
const char* const kLibraryNames[] = {"onnxruntime.dll"};
#elif defined(__APPLE__)
const char* const kLibraryNames[] = {"libonnxruntime.dylib", "libonnxruntime.1.dylib"};
#else
const char* const kLibraryNames[] = {"libonnxruntime.so", "libonnxruntime.so.1"};
#endif

using GetApiBaseFn = const OrtApiBase* (*)();

std::mutex g_mutex;
OrtLibrary* g_library = nullptr;  // loaded once, never unloaded (sessions may outlive any owner)

// Opens one candidate; on failure appends "path: reason" to `tried` and returns false.
bool try_load(const std::string& candidate, std::vector<std::string>& tried) {
#if defined(_WIN32)
  HMODULE handle = LoadLibraryA(candidate.c_str());
  if (!handle) {
    tried.push_back(candidate + ": cannot be loaded");
    return false;
  }
  auto get_base = reinterpret_cast<GetApiBaseFn>(GetProcAddress(handle, "OrtGetApiBase"));
#else
  // RTLD_LOCAL keeps its symbols out of the global namespace, so another copy (onnxruntime-node's own
  // binding, loaded in the same process) cannot clash with ours.
  void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = dlerror();
    tried.push_back(candidate + ": " + (why ? why : "cannot be loaded"));
    return false;
  }
  auto get_base = reinterpret_cast<GetApiBaseFn>(dlsym(handle, "OrtGetApiBase"));
#endif
  if (!get_base) {
    tried.push_back(candidate + ": loads but has no OrtGetApiBase (not an onnxruntime library)");
    return false;
  }
  const OrtApiBase* base = get_base();
  const char* version = base ? base->GetVersionString() : nullptr;
  const OrtApi* api = base ? base->GetApi(ORT_API_VERSION) : nullptr;
  if (!api) {
    tried.push_back(candidate + ": onnxruntime " + (version ? version : "?") + " does not provide C API version " +
                    std::to_string(ORT_API_VERSION) + " (onnxruntime 1." + std::to_string(ORT_API_VERSION) +
                    " or newer is needed)");
    return false;
  }
  g_library = new OrtLibrary{api, candidate, version ? version : ""};
  return true;
}

}  // namespace

const OrtLibrary& ort_library(const std::vector<std::string>& package_dirs) {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_library) return *g_library;
  std::vector<std::string> tried;
  const char* env_path = std::getenv("ORT_DYLIB_PATH");
  if (env_path && *env_path) {
    if (try_load(env_path, tried)) return *g_library;
  }
  for (const std::string& dir : package_dirs) {
    for (const char* name : kLibraryNames) {
      if (try_load(dir + "/" + name, tried)) return *g_library;
    }
  }
  // The system: the dynamic loader's own search (LD_LIBRARY_PATH, ld.so.cache, default folders).
  for (const char* name : kLibraryNames) {
    if (try_load(name, tried)) return *g_library;
  }
  std::string message = "onnxruntime could not be loaded. Tried, in order:";
  if (!env_path || !*env_path) message += "\n  ORT_DYLIB_PATH: not set";
  for (const std::string& t : tried) message += "\n  " + t;
  message +=
      "\nFixes: install the optional peer `onnxruntime-node` (npm install onnxruntime-node), set ORT_DYLIB_PATH to a "
      "libonnxruntime shared library, or install onnxruntime on the system.";
  throw Error(ErrorKind::Runtime, message);
}

const OrtApi& ort() {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (!g_library) throw Error(ErrorKind::Runtime, "onnxruntime is not loaded");
  return *g_library->api;
}

void check(OrtStatus* status, const std::string& context) {
  if (!status) return;
  const OrtApi& api = ort();
  std::string message = api.GetErrorMessage(status);
  OrtErrorCode code = api.GetErrorCode(status);
  api.ReleaseStatus(status);
  ErrorKind kind = ErrorKind::Runtime;
  if (code == ORT_NO_SUCHFILE) kind = ErrorKind::NotFound;
  else if (code == ORT_INVALID_PROTOBUF || code == ORT_INVALID_GRAPH) kind = ErrorKind::Format;
  else if (code == ORT_NOT_IMPLEMENTED) kind = ErrorKind::Unsupported;
  else if (code == ORT_INVALID_ARGUMENT) kind = ErrorKind::Argument;
  throw Error(kind, context + ": " + message);
}

}  // namespace embedkit::onnx
