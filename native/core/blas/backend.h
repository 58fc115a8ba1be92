// Which BLAS runs the similarity scans: a CBLAS library loaded at run time (MKL, OpenBLAS, BLIS, or the
// reference BLAS when asked for by name), or our own SIMD kernels ("builtin") when none is loaded.
// One binary serves every machine: nothing links against a BLAS, so prebuilt binaries need none
// installed, and the backend can be switched in a running process (the benchmark compares them).
//
// Choice: EMBEDKIT_BLAS=auto|mkl|openblas|blis|reference|builtin (default auto: the first of MKL,
// OpenBLAS, BLIS that loads, else builtin), or use() at run time. auto picks per operation: a single
// query is one streaming pass over the matrix, bandwidth-bound, where our fused dot + top-k kernel
// (kernels/dot_rows_top_k.h) beats a library sgemv followed by a pass over its scores; batches are
// compute-bound and go to the library's sgemm. A backend named explicitly runs both. Extra folders to look in first:
// EMBEDKIT_BLAS_PATH (':'-separated). An unknown name is an Argument error and a named backend that
// does not load is a NotFound error — never a silent fallback.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace embedkit::blas {

// CBLAS constants (values fixed by the CBLAS standard).
enum : int { kRowMajor = 101, kNoTrans = 111, kTrans = 112 };

using SgemvFn = void (*)(int order, int trans, int m, int n, float alpha, const float* a, int lda, const float* x, int incx,
                         float beta, float* y, int incy);
using SgemmFn = void (*)(int order, int trans_a, int trans_b, int m, int n, int k, float alpha, const float* a, int lda,
                         const float* b, int ldb, float beta, float* c, int ldc);

struct Backend {
  std::string name;     // "mkl", "openblas", "blis", "reference" or "builtin"
  std::string library;  // the file that was loaded (empty for builtin)
  std::string detail;   // version/config string when the library reports one
  SgemvFn sgemv = nullptr;  // both null for builtin
  SgemmFn sgemm = nullptr;
  void (*set_threads)(int) = nullptr;  // null when the library has no thread control
  int (*get_threads)() = nullptr;
  bool auto_chosen = false;  // picked by "auto" (see above), not named
  bool builtin() const noexcept { return sgemv == nullptr; }
};

// Whether a scan of nq queries runs on the builtin kernels (fused for one query) rather than the library:
// always for builtin; for one query under auto when the SIMD kernels are available.
bool scans_builtin(const Backend& backend, size_t nq) noexcept;

// The backend queries use now. Chosen on first call (EMBEDKIT_BLAS); throws Error(Argument/NotFound)
// when that variable names an unknown or unavailable backend (every query then fails the same way
// until use() picks a working one).
std::shared_ptr<const Backend> current();

// Switches to `name` (one of the names above or "auto"); throws as current() does. Returns the backend.
std::shared_ptr<const Backend> use(std::string_view name);

// The named backend loaded, without switching to it; nullptr when it does not load.
std::shared_ptr<const Backend> probe(std::string_view name);

// Threads the current library uses (1 for builtin and reference; the pool runs builtin batches).
int threads();
// Sets the current library's thread count (no effect for builtin/reference).
void set_threads(int n);

// Every accepted name, in the order auto tries them (builtin last).
const std::vector<std::string>& backend_names();

}  // namespace embedkit::blas
