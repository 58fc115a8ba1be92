// onnxruntime, found and loaded at run time (dlopen), never linked: the addon builds against the C API
// headers only and works with whichever runtime the user has, the one inside the `onnxruntime-node`
// package included. Search order: ORT_DYLIB_PATH, then the runtime that onnxruntime-node ships (its
// folder is passed in by the caller, which knows where node_modules are), then the system's.
#pragma once
#include <onnxruntime_c_api.h>

#include <string>
#include <vector>

namespace embedkit::onnx {

struct OrtLibrary {
  const OrtApi* api = nullptr;  // the C API at ORT_API_VERSION of the headers we were built with
  std::string path;             // the file that loaded
  std::string version;          // the runtime's own version string, e.g. "1.30.0"
};

// Loads the runtime once per process (later calls return the same library; `package_dirs` are only
// used by the first call that succeeds). `package_dirs`: folders that may hold libonnxruntime (the
// onnxruntime-node package's bin/napi-v*/<platform>/<arch>/), tried after ORT_DYLIB_PATH.
// Throws Error(Runtime) listing every path tried and why each failed when none loads, or when the
// runtime is older than the API version of the headers.
const OrtLibrary& ort_library(const std::vector<std::string>& package_dirs);

// The ORT API of the library loaded earlier; throws Error(Runtime) if ort_library() never succeeded.
const OrtApi& ort();

// Throws Error(kind) with `context` + the runtime's message when `status` is an error (and frees it).
void check(OrtStatus* status, const std::string& context);

}  // namespace embedkit::onnx
