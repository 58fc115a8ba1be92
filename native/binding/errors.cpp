#include "binding/errors.h"

#include <new>

namespace embedkit::binding {

Napi::Error make_error(Napi::Env env, ErrorKind kind, const std::string& message) {
  Napi::Error error = Napi::Error::New(env, message);
  error.Value().Set("code", Napi::String::New(env, error_code(kind)));
  return error;
}

Napi::Error translate(Napi::Env env, const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const Error& e) {
    return make_error(env, e.kind(), e.what());
  } catch (const std::bad_alloc&) {
    return make_error(env, ErrorKind::Runtime, "out of memory");
  } catch (const std::exception& e) {
    return make_error(env, ErrorKind::Runtime, std::string("internal error: ") + e.what());
  } catch (...) {
    return make_error(env, ErrorKind::Runtime, "internal error");
  }
}

void throw_argument(Napi::Env env, const std::string& message) {
  throw make_error(env, ErrorKind::Argument, message);
}

}  // namespace embedkit::binding
