// Finds and opens one CBLAS library with dlopen: folders from EMBEDKIT_BLAS_PATH first, then the
// system's own search (LD_LIBRARY_PATH, ld.so cache), then the usual per-variant install folders.
#pragma once
#include <string>
#include <string_view>

#include "blas/backend.h"

namespace embedkit::blas {

// Loads backend `name` (not "builtin"/"auto"); on failure returns false and says why in `why`.
bool load_library(std::string_view name, Backend& out, std::string& why);

}  // namespace embedkit::blas
