#include "common/error.h"

namespace embedkit {

const char* error_code(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::Argument: return "ERR_EMBEDKIT_ARGUMENT";
    case ErrorKind::Io: return "ERR_EMBEDKIT_IO";
    case ErrorKind::Format: return "ERR_EMBEDKIT_FORMAT";
    case ErrorKind::Unsupported: return "ERR_EMBEDKIT_UNSUPPORTED";
    case ErrorKind::Runtime: return "ERR_EMBEDKIT_RUNTIME";
    case ErrorKind::NotFound: return "ERR_EMBEDKIT_NOT_FOUND";
    case ErrorKind::Offline: return "ERR_EMBEDKIT_OFFLINE";
  }
  return "ERR_EMBEDKIT_RUNTIME";
}

}  // namespace embedkit
