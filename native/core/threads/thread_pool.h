// One persistent pool of native threads for every heavy call (the async API runs here, never on the JS
// thread or libuv's small pool). Size: EMBEDKIT_THREADS, else the machine's cores; changeable at run time.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

namespace embedkit {

class ThreadPool {
 public:
  static ThreadPool& global();

  explicit ThreadPool(size_t threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  size_t size() const noexcept { return size_; }
  // Changes the number of workers (waits for running tasks to finish first).
  void resize(size_t threads);

  // Runs `task` on a worker; returns at once.
  void submit(std::function<void()> task);

  // Splits [0, n) into chunks of at least `grain` items and runs body(begin, end) on up to `max_threads`
  // threads (0 = all), the calling thread included; returns when all chunks are done. Exceptions from the
  // body are rethrown here (the first one). Safe to call from a worker thread.
  void parallel_for(size_t n, size_t grain, const std::function<void(size_t, size_t)>& body, size_t max_threads = 0);

 private:
  void start(size_t threads);
  void stop();
  void worker_loop();

  std::mutex mutex_;
  std::condition_variable cv_;
  std::queue<std::function<void()>> tasks_;
  std::vector<std::thread> workers_;
  size_t size_ = 0;
  bool stopping_ = false;
};

// Default size: EMBEDKIT_THREADS if set to a positive number, else std::thread::hardware_concurrency().
size_t default_thread_count();

}  // namespace embedkit
