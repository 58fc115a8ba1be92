#include "blas/loader.h"

#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <vector>

#if defined(_WIN32)
// No dlopen: only the builtin kernels (a LoadLibrary loader would go here).
namespace embedkit::blas {
bool load_library(std::string_view name, Backend&, std::string& why) {
  why = "loading a BLAS at run time is not supported on Windows yet";
  return false;
}
}  // namespace embedkit::blas
#else
#include <dlfcn.h>
#include <sys/stat.h>

namespace embedkit::blas {

namespace {

#if defined(__x86_64__)
#define EK_TRIPLET "x86_64-linux-gnu"
#elif defined(__aarch64__)
#define EK_TRIPLET "aarch64-linux-gnu"
#else
#define EK_TRIPLET ""
#endif

struct Recipe {
  std::vector<std::string> sonames;    // tried in each EMBEDKIT_BLAS_PATH folder and by the system loader
  std::vector<std::string> abs_paths;  // usual install places the system loader does not search
};

Recipe recipe_for(std::string_view name) {
  const std::string lib = "/usr/lib/" EK_TRIPLET "/";
  if (name == "mkl")
    return {{"libmkl_rt.so.2", "libmkl_rt.so.1", "libmkl_rt.so", "libmkl_rt.dylib"},
            {"/opt/intel/oneapi/mkl/latest/lib/libmkl_rt.so.2", "/opt/intel/oneapi/mkl/latest/lib/intel64/libmkl_rt.so.2"}};
  if (name == "openblas")
    return {{"libopenblas.so.0", "libopenblas.so", "libopenblasp.so.0", "libopenblas.dylib"},
            {lib + "openblas-pthread/libopenblas.so.0", lib + "openblas-openmp/libopenblas.so.0",
             lib + "openblas-serial/libopenblas.so.0", "/opt/homebrew/opt/openblas/lib/libopenblas.dylib",
             "/usr/local/opt/openblas/lib/libopenblas.dylib"}};
  if (name == "blis")
    return {{"libblis.so.4", "libblis.so.3", "libblis.so", "libblis.dylib"},
            {lib + "blis-pthread/libblis.so.4", lib + "blis-openmp/libblis.so.4", lib + "blis-serial/libblis.so.4"}};
  // reference: Debian's libblas3 carries the CBLAS symbols; Fedora and others ship libcblas separately.
  return {{"libblas.so.3", "libcblas.so.3", "libblas.so", "libcblas.so"}, {lib + "blas/libblas.so.3"}};
}

std::vector<std::string> extra_dirs() {
  std::vector<std::string> dirs;
  const char* env = std::getenv("EMBEDKIT_BLAS_PATH");
  if (!env) return dirs;
  std::string_view s(env);
  while (!s.empty()) {
    size_t colon = s.find(':');
    std::string_view d = s.substr(0, colon);
    if (!d.empty()) dirs.emplace_back(d);
    if (colon == std::string_view::npos) break;
    s.remove_prefix(colon + 1);
  }
  return dirs;
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// dlopen; when a dependency is missing ("libgfortran.so.5: cannot open shared object file") and one of
// the EMBEDKIT_BLAS_PATH folders has it, that file is loaded first (global, so the retry resolves it).
void* open_with_deps(const std::string& path, const std::vector<std::string>& dirs, std::string& err) {
  for (int attempt = 0; attempt < 6; attempt++) {
    if (void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) return h;
    const char* e = dlerror();
    err = e ? e : "dlopen failed";
    const size_t colon = err.find(": cannot open shared object file");
    if (colon == std::string::npos) return nullptr;
    const std::string dep = err.substr(0, colon);
    if (dep.find('/') != std::string::npos || (path.size() >= dep.size() && path.compare(path.size() - dep.size(), dep.size(), dep) == 0))
      return nullptr;  // the library itself is missing, not a dependency
    bool loaded = false;
    for (const auto& d : dirs) {
      const std::string cand = d + "/" + dep;
      if (exists(cand) && dlopen(cand.c_str(), RTLD_NOW | RTLD_GLOBAL)) {
        loaded = true;
        break;
      }
    }
    if (!loaded) return nullptr;
  }
  return nullptr;
}

template <typename T>
T sym(void* h, const char* name) {
  return reinterpret_cast<T>(dlsym(h, name));
}

// Fills `out` from an opened library; false when it lacks CBLAS or is not the library asked for
// (the system's libblas.so.3 is often OpenBLAS or BLIS under the reference name).
bool bind(std::string_view name, void* h, Backend& out, std::string& why) {
  out.sgemv = sym<SgemvFn>(h, "cblas_sgemv");
  out.sgemm = sym<SgemmFn>(h, "cblas_sgemm");
  if (!out.sgemv || !out.sgemm) {
    why = "it has no cblas_sgemv/cblas_sgemm";
    return false;
  }
  const bool is_openblas = dlsym(h, "openblas_get_config") != nullptr;
  const bool is_blis = dlsym(h, "bli_info_get_version_str") != nullptr;
  const bool is_mkl = dlsym(h, "MKL_Get_Max_Threads") != nullptr;
  if (name == "reference" && (is_openblas || is_blis || is_mkl)) {
    why = "it is an optimized BLAS installed under the reference name";
    return false;
  }
  if ((name == "openblas" && !is_openblas) || (name == "blis" && !is_blis) || (name == "mkl" && !is_mkl)) {
    why = "it does not identify as " + std::string(name);
    return false;
  }
  out.name = std::string(name);
  if (is_openblas) {
    out.set_threads = sym<void (*)(int)>(h, "openblas_set_num_threads");
    out.get_threads = sym<int (*)()>(h, "openblas_get_num_threads");
    if (auto cfg = sym<char* (*)()>(h, "openblas_get_config")) out.detail = cfg();
  } else if (is_blis) {
    auto set = sym<void (*)(long)>(h, "bli_thread_set_num_threads");
    auto get = sym<long (*)()>(h, "bli_thread_get_num_threads");
    // BLIS takes a dim_t (long); adapt through static storage (one BLIS per process).
    static void (*blis_set)(long) = nullptr;
    static long (*blis_get)() = nullptr;
    blis_set = set;
    blis_get = get;
    if (set) out.set_threads = [](int n) { blis_set(n); };
    if (get) out.get_threads = [] { return std::max(1, static_cast<int>(blis_get())); };  // -1 = unset: one thread
    if (auto v = sym<const char* (*)()>(h, "bli_info_get_version_str")) out.detail = std::string("BLIS ") + v();
  } else if (is_mkl) {
    out.set_threads = sym<void (*)(int)>(h, "MKL_Set_Num_Threads");
    out.get_threads = sym<int (*)()>(h, "MKL_Get_Max_Threads");
    out.detail = "Intel MKL";
  } else {
    out.detail = "reference BLAS";
  }
  return true;
}

}  // namespace

bool load_library(std::string_view name, Backend& out, std::string& why) {
  const Recipe r = recipe_for(name);
  const auto dirs = extra_dirs();
  std::vector<std::string> tries;
  for (const auto& d : dirs)
    for (const auto& so : r.sonames) tries.push_back(d + "/" + so);
  for (const auto& so : r.sonames) tries.push_back(so);  // the system loader's own search
  for (const auto& p : r.abs_paths) tries.push_back(p);
  std::string reasons;
  for (const auto& path : tries) {
    const bool bare = path.find('/') == std::string::npos;
    if (!bare && !exists(path)) continue;
    std::string err;
    void* h = open_with_deps(path, dirs, err);
    if (!h) {
      if (!bare) reasons += "; " + path + ": " + err;
      continue;
    }
    Backend b;
    std::string no;
    if (!bind(name, h, b, no)) {
      reasons += "; " + path + ": " + no;
      dlclose(h);
      continue;
    }
    // Resolve the file actually loaded (a bare soname came from the system search).
    b.library = path;
    if (auto addr = reinterpret_cast<void*>(b.sgemm)) {
      Dl_info info;
      if (dladdr(addr, &info) && info.dli_fname) b.library = info.dli_fname;
    }
    out = std::move(b);  // the handle stays open for the life of the process: queries may hold pointers
    return true;
  }
  why = "no " + std::string(name) + " library found (looked in EMBEDKIT_BLAS_PATH, the system library path and the usual install folders" +
        (reasons.empty() ? std::string(")") : ")" + reasons);
  return false;
}

}  // namespace embedkit::blas
#endif
