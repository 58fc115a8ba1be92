// Turns core errors into JS Errors with a stable `code` (ERR_EMBEDKIT_*), and guards every entry point
// so that no C++ exception ever crosses into V8 untranslated.
#pragma once
#include <napi.h>

#include <exception>
#include <string>

#include "common/error.h"

namespace embedkit::binding {

Napi::Error make_error(Napi::Env env, ErrorKind kind, const std::string& message);
// Converts any exception (embedkit::Error, std::bad_alloc, others) to a JS Error value.
Napi::Error translate(Napi::Env env, const std::exception_ptr& error);

// Calls `body`; any exception becomes a thrown JS Error with a code.
template <typename Body>
Napi::Value guarded(const Napi::CallbackInfo& info, Body&& body) {
  try {
    return body();
  } catch (const Napi::Error&) {
    throw;
  } catch (...) {
    throw translate(info.Env(), std::current_exception());
  }
}

[[noreturn]] void throw_argument(Napi::Env env, const std::string& message);

}  // namespace embedkit::binding
