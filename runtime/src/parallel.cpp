// The runtime's thread pool: intra-op parallelism for large elementwise
// kernels (ATen's grain size), standard library only.
#include "loops.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

namespace ag {
namespace detail {


namespace {

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// One parallel_for call: lives on the caller's stack until every worker
// that took part has counted itself out.
struct Job {
  RangeFn fn;
  void *ctx;
  int64_t n;
  int64_t chunk;
  std::atomic<int> remaining;
};

// A persistent pool of num_threads() - 1 workers, each with its own job
// slot, so a job wakes only the workers it needs. Workers spin for a short
// while after a job before sleeping (as OpenMP's do): a sleeping thread
// takes tens of microseconds to wake on a VM, as long as a 1e6-element add.
// One job runs at a time; a caller that finds the pool busy runs its job
// serially instead of waiting (so nested parallel_for calls are safe).
class ThreadPool {
public:
  explicit ThreadPool(int threads) : workers_(size_t(std::max(threads - 1, 0))) {
    for (size_t i = 0; i < workers_.size(); ++i)
      workers_[i].thread = std::thread([this, i] { work(int(i) + 1, workers_[i]); });
  }
  ~ThreadPool() {
    for (Worker &w : workers_) {
      std::lock_guard<std::mutex> lock(w.mutex);
      w.stop = true;
      w.cv.notify_one();
    }
    for (Worker &w : workers_)
      w.thread.join();
  }
  ThreadPool(const ThreadPool &) = delete;
  ThreadPool &operator=(const ThreadPool &) = delete;

  // Runs chunk 0 on the caller and chunks 1..chunks-1 on workers; false
  // (nothing run) when another job holds the pool.
  bool try_run(int64_t n, int chunks, RangeFn fn, void *ctx) {
    std::unique_lock<std::mutex> submit(submit_mutex_, std::try_to_lock);
    if (!submit.owns_lock())
      return false;
    chunks = std::min<int>(chunks, int(workers_.size()) + 1);
    Job job{fn, ctx, n, (n + chunks - 1) / chunks, {chunks - 1}};
    for (int i = 1; i < chunks; ++i) {
      Worker &w = workers_[size_t(i - 1)];
      w.job.store(&job, std::memory_order_seq_cst);
      // Pairs with the worker's seq_cst store of `sleeping` and its re-check
      // of `job` under the mutex: one of the two sees the other.
      if (w.sleeping.load(std::memory_order_seq_cst)) {
        std::lock_guard<std::mutex> lock(w.mutex);
        w.cv.notify_one();
      }
    }
    fn(ctx, 0, std::min(job.chunk, n));
    // Yielding rather than pausing: on an oversubscribed machine (or a VM
    // that deschedules PAUSE loops) the worker needs this CPU to finish.
    for (int spins = 0; job.remaining.load(std::memory_order_acquire) != 0; ++spins) {
      if (spins < 64)
        cpu_relax();
      else
        std::this_thread::yield();
    }
    return true;
  }

private:
  struct Worker {
    std::atomic<Job *> job{nullptr};
    std::atomic<bool> sleeping{false};
    std::mutex mutex;
    std::condition_variable cv;
    bool stop = false; // guarded by mutex
    std::thread thread;
  };

  // Polling time after a job before going to sleep: back-to-back ops (the
  // common case in a loop) then start without a wake-up.
  static constexpr std::chrono::microseconds kSpinBeforeSleep{200};

  static void work(int id, Worker &w) {
    for (;;) {
      Job *job = nullptr;
      auto deadline = std::chrono::steady_clock::now() + kSpinBeforeSleep;
      for (int spin = 0; !job; ++spin) {
        job = w.job.load(std::memory_order_acquire);
        if (job)
          break;
        if (spin < 64) {
          cpu_relax();
          continue;
        }
        // Yield so that a busy machine loses nothing to the polling.
        std::this_thread::yield();
        if ((spin & 15) == 0 && std::chrono::steady_clock::now() > deadline)
          break;
      }
      if (!job) {
        std::unique_lock<std::mutex> lock(w.mutex);
        w.sleeping.store(true, std::memory_order_seq_cst);
        w.cv.wait(lock, [&] { return w.stop || w.job.load(std::memory_order_seq_cst) != nullptr; });
        w.sleeping.store(false, std::memory_order_relaxed);
        if (w.stop)
          return;
        job = w.job.load(std::memory_order_acquire);
      }
      w.job.store(nullptr, std::memory_order_relaxed);
      int64_t begin = int64_t(id) * job->chunk;
      int64_t end = std::min(begin + job->chunk, job->n);
      if (begin < end)
        job->fn(job->ctx, begin, end);
      // The caller may return (destroying *job) as soon as this lands.
      job->remaining.fetch_sub(1, std::memory_order_release);
    }
  }

  std::mutex submit_mutex_;
  std::vector<Worker> workers_;
};

ThreadPool &pool() {
  static ThreadPool instance(num_threads());
  return instance;
}

} // namespace

int num_threads() {
  static const int n = [] {
    if (const char *env = std::getenv("AG_NUM_THREADS")) {
      int v = std::atoi(env);
      if (v >= 1)
        return std::min(v, 256);
    }
    unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : int(std::min(hw, 256u));
  }();
  return n;
}

void parallel_for_impl(int64_t n, int64_t grain, RangeFn fn, void *ctx) {
  int threads = num_threads();
  int64_t max_chunks = (n + grain - 1) / std::max<int64_t>(grain, 1);
  int chunks = int(std::min<int64_t>(threads, max_chunks));
  if (chunks <= 1 || !pool().try_run(n, chunks, fn, ctx))
    fn(ctx, 0, n);
}

} // namespace detail
} // namespace ag
