// The checked runtime under load: bookkeeping shared between threads (run
// under ThreadSanitizer by sanitize.tsan.alias_stress, and under ASan+UBSan
// by the nested sanitizer build), and bounded memory over 10^7 handles.
// Linked against aliasguard::runtime_checked; reports go to a log file so the
// test can count them.
#include <ag/ag.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

// Resident set size in KiB (Linux).
long rss_kib() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

class AliasStress : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_TRUE(ag::alias::enabled());
    // Reports of these tests are expected; keep the exit status ours.
    ag::alias::set_options("exitcode=0:print_summary=0");
  }
};

// Threads share one storage through views and copies made on each thread
// from the same const handles (racing to create their records), write
// disjoint rows through temporary views, and read their own views.
TEST_F(AliasStress, ThreadsShareStorageWithoutRaces) {
  constexpr int kThreads = 4, kIters = 2000;
  const ag::Tensor shared = ag::zeros({kThreads, 8});
  const ag::Tensor base = shared.view({kThreads * 8});
  size_t before = ag::alias::report_count();
  std::vector<std::thread> threads;
  std::atomic<int> ready{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ready.fetch_add(1);
      while (ready.load() < kThreads) {
      }
      for (int i = 0; i < kIters; ++i) {
        ag::Tensor mine = shared[t];         // a view, made concurrently
        ag::Tensor copy = base;              // a copy of a shared handle
        shared[t][i % 8] = float(i);         // a write through a temporary view
        mine.add_(1);                        // this thread's own write
        float v = mine.sum().item<float>();  // reads what it wrote
        (void)v;
        (void)copy.numel();                  // metadata only
      }
    });
  }
  for (std::thread &th : threads)
    th.join();
  // Every thread wrote; `base` was made before and is read now: the writes
  // went through views of `shared`, a relative of `base`.
  EXPECT_EQ(ag::alias::report_count(), before);
  float total = base.sum().item<float>();
  EXPECT_GT(total, 0.0f);
  EXPECT_EQ(ag::alias::report_count(), before + 1);
}

// A write on one thread and a stale read on another, ordered by join: the
// report is made once, whichever thread's handle it involves.
TEST_F(AliasStress, CrossThreadStaleReadIsReported) {
  ag::Tensor a = ag::ones({16});
  ag::Tensor b = a;
  size_t before = ag::alias::report_count();
  std::thread writer([&] { b.mul_(2); });
  writer.join();
  EXPECT_EQ(a.sum().item<float>(), 32.0f);
  EXPECT_EQ(ag::alias::report_count(), before + 1);
}

// Many threads report at once: each distinct report is printed once.
TEST_F(AliasStress, ConcurrentReportsAreDeduplicated) {
  constexpr int kThreads = 4;
  size_t before = ag::alias::report_count();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([] {
      for (int i = 0; i < 200; ++i) {
        ag::Tensor x = ag::ones({4});
        ag::Tensor y = x;
        y.add_(1);
        (void)x.sum();  // the same (alias, write, read) sites every time
      }
    });
  for (std::thread &th : threads)
    th.join();
  EXPECT_EQ(ag::alias::report_count(), before + 1);
}

// 10^7 handle creations (copies, views, moves, temporaries): the bookkeeping
// of each handle is freed when it dies, so memory does not grow with them.
// AG_STRESS_HANDLES lowers the count for the sanitizer builds, whose
// allocators keep freed memory in quarantine (so RSS is not checked there).
TEST_F(AliasStress, BookkeepingStaysBounded) {
  long handles = 10000000;
  if (const char *env = std::getenv("AG_STRESS_HANDLES"))
    handles = std::atol(env);
  ag::Tensor x = ag::ones({4, 4});
  auto churn = [&](long n) {
    for (long i = 0; i < n; i += 5) {
      ag::Tensor c = x;                 // 1
      ag::Tensor v = c.view({16});      // 2
      ag::Tensor row = x[i % 4];        // 3
      ag::Tensor moved = std::move(v);  // (a move: no new handle)
      ag::Tensor n2 = row.narrow(0, 0, 2); // 4
      c = moved;                        // 5
    }
  };
  churn(200000); // warm up allocator pools
  long start = rss_kib();
  churn(handles);
  long growth = rss_kib() - start;
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "RSS is not meaningful under a sanitizer's allocator (grew " << growth
               << " KiB)";
#endif
  // A leak of even 8 bytes per handle would be 80 MB at 10^7.
  EXPECT_LT(growth, 4 * 1024) << "RSS grew by " << growth << " KiB over " << handles
                              << " handles";
}

} // namespace
