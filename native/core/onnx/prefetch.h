// A task whose result is wanted later: started on the pool now, and run by the waiter itself if no
// pool thread has picked it up yet, so waiting from inside a pool task can never deadlock (even on a
// pool of one thread).
#pragma once
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>

#include "threads/thread_pool.h"

namespace embedkit::onnx {

class Prefetch {
 public:
  // `pool` nullptr: the task runs at wait().
  Prefetch(ThreadPool* pool, std::function<void()> task) : state_(std::make_shared<State>()) {
    state_->task = std::move(task);
    if (pool) {
      auto state = state_;
      pool->submit([state] { state->run_if_pending(); });
    }
  }
  // The task may refer to the caller's data: never let it outlive this object.
  ~Prefetch() {
    try {
      wait();
    } catch (...) {
      // already reported by the wait() the caller made, or the caller is unwinding anyway
    }
  }
  Prefetch(const Prefetch&) = delete;
  Prefetch& operator=(const Prefetch&) = delete;

  // Returns when the task has run; rethrows its exception.
  void wait() {
    state_->run_if_pending();
    std::unique_lock<std::mutex> lock(state_->mutex);
    state_->cv.wait(lock, [&] { return state_->done; });
    if (state_->error) std::rethrow_exception(state_->error);
  }

 private:
  struct State {
    std::mutex mutex;
    std::condition_variable cv;
    std::function<void()> task;
    bool started = false, done = false;
    std::exception_ptr error;
    void run_if_pending() {
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (started) return;
        started = true;
      }
      std::exception_ptr failure;
      try {
        task();
      } catch (...) {
        failure = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mutex);
      error = failure;
      done = true;
      cv.notify_all();
    }
  };
  std::shared_ptr<State> state_;
};

}  // namespace embedkit::onnx
