#include "blas/backend.h"

#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>

#include "blas/loader.h"
#include "common/error.h"
#include "kernels/dot_rows_top_k.h"

namespace embedkit::blas {

namespace {

std::mutex g_mutex;
std::shared_ptr<const Backend> g_current;         // guarded by g_mutex; readers copy it under the lock
std::map<std::string, std::shared_ptr<const Backend>, std::less<>> g_loaded;  // each library loaded once
bool g_initialized = false;
std::string g_init_error;  // why EMBEDKIT_BLAS could not be honoured
ErrorKind g_init_kind = ErrorKind::Argument;

std::shared_ptr<const Backend> builtin_backend() {
  static const auto b = [] {
    auto x = std::make_shared<Backend>();
    x->name = "builtin";
    x->detail = "embedkit SIMD kernels";
    return std::shared_ptr<const Backend>(x);
  }();
  return b;
}

// The same backend marked as chosen by auto (one copy per library, kept with the loaded ones).
std::shared_ptr<const Backend> auto_variant_locked(const std::shared_ptr<const Backend>& b) {
  const std::string key = "auto:" + b->name;
  if (auto it = g_loaded.find(key); it != g_loaded.end()) return it->second;
  auto x = std::make_shared<Backend>(*b);
  x->auto_chosen = true;
  std::shared_ptr<const Backend> p(std::move(x));
  g_loaded.emplace(key, p);
  return p;
}

bool known(std::string_view name) {
  if (name == "auto") return true;
  for (const auto& n : backend_names())
    if (n == name) return true;
  return false;
}

// Loads (or returns the already loaded) backend; nullptr with `why` set when it does not load.
std::shared_ptr<const Backend> load_locked(std::string_view name, std::string& why) {
  if (name == "builtin") return builtin_backend();
  if (auto it = g_loaded.find(name); it != g_loaded.end()) return it->second;
  Backend b;
  if (!load_library(name, b, why)) return nullptr;
  auto p = std::make_shared<const Backend>(std::move(b));
  g_loaded.emplace(std::string(name), p);
  return p;
}

std::shared_ptr<const Backend> resolve_locked(std::string_view name) {
  if (!known(name))
    throw Error(ErrorKind::Argument, "unknown BLAS backend \"" + std::string(name) +
                                         "\" (expected auto, mkl, openblas, blis, reference or builtin)");
  if (name == "auto") {
    std::string why;
    std::shared_ptr<const Backend> fallback;
    for (const char* n : {"mkl", "openblas", "blis"}) {
      auto b = load_locked(n, why);
      if (!b) continue;
      // An OpenBLAS older than the CPU (0.3.21 on Emerald Rapids, say) does not recognise it and runs its
      // generic Prescott (SSE3) kernels: half of BLIS's sgemm rate or less on an AVX-512 machine. auto
      // then prefers the next library, and keeps that OpenBLAS only when nothing else loads.
      if (b->name == "openblas" && b->detail.find(" Prescott ") != std::string::npos && kernels::dot_rows_top_k_is_simd()) {
        if (!fallback) fallback = b;
        continue;
      }
      return auto_variant_locked(b);
    }
    return auto_variant_locked(fallback ? fallback : builtin_backend());
  }
  std::string why;
  auto b = load_locked(name, why);
  if (!b) throw Error(ErrorKind::NotFound, "BLAS backend \"" + std::string(name) + "\" is not available: " + why);
  return b;
}

void init_locked() {
  if (g_initialized) return;
  g_initialized = true;
  const char* env = std::getenv("EMBEDKIT_BLAS");
  std::string name = env && *env ? env : "auto";
  try {
    g_current = resolve_locked(name);
  } catch (const Error& e) {
    g_init_kind = e.kind();
    g_init_error = std::string("EMBEDKIT_BLAS: ") + e.what();
  }
}

}  // namespace

bool scans_builtin(const Backend& backend, size_t nq) noexcept {
  if (backend.builtin()) return true;
  return nq == 1 && backend.auto_chosen && kernels::dot_rows_top_k_is_simd();
}

const std::vector<std::string>& backend_names() {
  static const std::vector<std::string> names{"mkl", "openblas", "blis", "reference", "builtin"};
  return names;
}

std::shared_ptr<const Backend> current() {
  std::lock_guard<std::mutex> lock(g_mutex);
  init_locked();
  if (!g_current) throw Error(g_init_kind, g_init_error);
  return g_current;
}

std::shared_ptr<const Backend> use(std::string_view name) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_initialized = true;  // an explicit choice overrides EMBEDKIT_BLAS (and clears its error)
  auto b = resolve_locked(name);
  g_current = b;
  return b;
}

std::shared_ptr<const Backend> probe(std::string_view name) {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (!known(name) || name == "auto")
    throw Error(ErrorKind::Argument, "unknown BLAS backend \"" + std::string(name) +
                                         "\" (expected mkl, openblas, blis, reference or builtin)");
  std::string why;
  return load_locked(name, why);
}

int threads() {
  auto b = current();
  return b->get_threads ? b->get_threads() : 1;
}

void set_threads(int n) {
  if (n < 1) throw Error(ErrorKind::Argument, "BLAS threads must be a positive integer");
  auto b = current();
  if (b->set_threads) b->set_threads(n);
}

}  // namespace embedkit::blas
