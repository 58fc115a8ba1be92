#include "threads/thread_pool.h"

#include <atomic>
#include <cstdlib>
#include <exception>
#include <memory>

namespace embedkit {

size_t default_thread_count() {
  if (const char* env = std::getenv("EMBEDKIT_THREADS")) {
    long n = std::strtol(env, nullptr, 10);
    if (n > 0 && n <= 1024) return static_cast<size_t>(n);
  }
  unsigned hc = std::thread::hardware_concurrency();
  return hc ? hc : 1;
}

ThreadPool& ThreadPool::global() {
  // Never destroyed: worker threads must not be joined from a static destructor at process exit.
  static ThreadPool* pool = new ThreadPool(default_thread_count());
  return *pool;
}

ThreadPool::ThreadPool(size_t threads) { start(threads ? threads : 1); }

ThreadPool::~ThreadPool() { stop(); }

void ThreadPool::start(size_t threads) {
  stopping_ = false;
  size_ = threads;
  for (size_t i = 0; i < threads; i++) workers_.emplace_back([this] { worker_loop(); });
}

void ThreadPool::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : workers_) t.join();
  workers_.clear();
}

void ThreadPool::resize(size_t threads) {
  if (threads == 0) threads = 1;
  if (threads == size_) return;
  stop();  // workers drain the queue before they exit
  start(threads);
}

void ThreadPool::submit(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    tasks_.push(std::move(task));
  }
  cv_.notify_one();
}

void ThreadPool::worker_loop() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      cv_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;  // stopping and drained
      task = std::move(tasks_.front());
      tasks_.pop();
    }
    task();
  }
}

void ThreadPool::parallel_for(size_t n, size_t grain, const std::function<void(size_t, size_t)>& body,
                              size_t max_threads) {
  if (n == 0) return;
  if (grain == 0) grain = 1;
  size_t threads = max_threads ? std::min(max_threads, size_) : size_;
  size_t helpers = std::min(threads, (n + grain - 1) / grain);
  if (helpers <= 1) {
    body(0, n);
    return;
  }
  // Work is handed out in small blocks so fast threads take over from slow ones. The caller waits only
  // for blocks that some thread has claimed and is running, never for helpers still queued, so a call
  // from inside a worker (an async task) cannot deadlock a busy pool. Helpers that start late find no
  // work and touch only the shared state, which they keep alive themselves.
  struct State {
    std::atomic<size_t> next{0};
    std::atomic<size_t> done{0};
    size_t n = 0;
    size_t block = 1;
    const std::function<void(size_t, size_t)>* body = nullptr;
    std::mutex mutex;
    std::condition_variable cv;
    std::exception_ptr error;
  };
  auto state = std::make_shared<State>();
  state->n = n;
  state->block = std::max(grain, n / (helpers * 8) + 1);
  state->body = &body;
  auto run = [](State& s) {
    for (;;) {
      size_t begin = s.next.fetch_add(s.block);
      if (begin >= s.n) return;
      size_t end = std::min(s.n, begin + s.block);
      try {
        (*s.body)(begin, end);
      } catch (...) {
        std::lock_guard<std::mutex> lock(s.mutex);
        if (!s.error) s.error = std::current_exception();
      }
      if (s.done.fetch_add(end - begin) + (end - begin) == s.n) {
        std::lock_guard<std::mutex> lock(s.mutex);
        s.cv.notify_all();
      }
    }
  };
  for (size_t i = 1; i < helpers; i++) submit([state, run] { run(*state); });
  run(*state);
  std::unique_lock<std::mutex> lock(state->mutex);
  state->cv.wait(lock, [&] { return state->done.load() == n; });
  if (state->error) std::rethrow_exception(state->error);
}

}  // namespace embedkit
