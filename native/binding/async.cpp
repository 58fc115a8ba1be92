#include "binding/async.h"

#include <exception>

#include "binding/errors.h"
#include "binding/instance.h"
#include "threads/thread_pool.h"

namespace embedkit::binding {

namespace {

struct AsyncCall {
  Napi::Promise::Deferred deferred;
  std::function<Completion()> work;
  Completion completion;
  std::exception_ptr error;
};

void settle(Napi::Env env, Napi::Function, std::nullptr_t*, AsyncCall* call) {
  // env is null when the environment (e.g. a worker thread) is being torn down: just free.
  if (env != nullptr) {
    if (call->error) {
      call->deferred.Reject(translate(env, call->error).Value());
    } else {
      try {
        call->deferred.Resolve(call->completion(env));
      } catch (const Napi::Error& e) {
        call->deferred.Reject(e.Value());
      } catch (...) {
        call->deferred.Reject(translate(env, std::current_exception()).Value());
      }
    }
  }
  delete call;
}

using Settler = Napi::TypedThreadSafeFunction<std::nullptr_t, AsyncCall, settle>;

}  // namespace

Napi::Promise run_async(Napi::Env env, std::function<Completion()> work) {
  auto deferred = Napi::Promise::Deferred::New(env);
  Napi::Promise promise = deferred.Promise();
  auto* call = new AsyncCall{deferred, std::move(work), nullptr, nullptr};
  Settler settler = Settler::New(env, "embedkit", 0, 1);
  std::shared_ptr<EnvLifetime> lifetime = instance(env).lifetime;
  ThreadPool::global().submit([call, settler, lifetime]() mutable {
    try {
      call->completion = call->work();
    } catch (...) {
      call->error = std::current_exception();
    }
    call->work = nullptr;  // free the copied inputs here, off the JS thread
    std::lock_guard<std::mutex> lock(lifetime->mutex);
    if (!lifetime->alive) {  // the environment (a terminated worker) is gone: nobody to settle
      delete call;
      return;
    }
    if (settler.BlockingCall(call) != napi_ok) delete call;
    settler.Release();
  });
  return promise;
}

}  // namespace embedkit::binding
