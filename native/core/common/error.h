// Errors the core throws. The binding maps `kind` to a stable JS error code (ERR_EMBEDKIT_<KIND>),
// so every failure a user can cause reaches JS as an Error they can branch on.
#pragma once
#include <stdexcept>
#include <string>

namespace embedkit {

enum class ErrorKind { Argument, Io, Format, Unsupported, Runtime, NotFound, Offline };

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

// "ERR_EMBEDKIT_FORMAT" and friends.
const char* error_code(ErrorKind kind) noexcept;

}  // namespace embedkit
