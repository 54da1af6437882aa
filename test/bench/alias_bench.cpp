// The checked runtime's cost, side by side (test/bench/bench_alias.py runs
// this binary with checking off and on, and its AG_NO_ALIAS_HOOKS twin
// alias_bench_nohooks, interleaved): float32 add at 4 and 10^6 elements,
// out-of-place and in-place, on handles that are tracked (aliased: a copy
// exists) and untracked, plus the cost of making a copy and a view.
#include <ag/ag.h>

#include <benchmark/benchmark.h>

namespace {

constexpr int64_t kN = 1000000;

// Fresh tensors: never aliased, so never tracked.
void BM_add_tiny(benchmark::State &state) {
  ag::Tensor a = ag::rand({4}), b = ag::rand({4});
  for (auto _ : state) {
    ag::Tensor c = a + b;
    benchmark::DoNotOptimize(c.data_ptr());
  }
}

// Aliased tensors: every read checks the handle's seen version.
void BM_add_tiny_aliased(benchmark::State &state) {
  ag::Tensor x = ag::rand({4}), y = ag::rand({4});
  ag::Tensor a = x, b = y.view({4});
  for (auto _ : state) {
    ag::Tensor c = a + b;
    benchmark::DoNotOptimize(c.data_ptr());
  }
}

// In-place on an aliased tensor: every write records the writer.
void BM_add_inplace_tiny_aliased(benchmark::State &state) {
  ag::Tensor x = ag::rand({4}), b = ag::rand({4});
  ag::Tensor a = x;
  for (auto _ : state) {
    a.add_(b);
    benchmark::DoNotOptimize(a.data_ptr());
  }
}

void BM_add_1e6(benchmark::State &state) {
  ag::Tensor x = ag::rand({kN}), b = ag::rand({kN});
  ag::Tensor a = x;
  for (auto _ : state) {
    ag::Tensor c = a + b;
    benchmark::DoNotOptimize(c.data_ptr());
  }
}

void BM_add_inplace_1e6(benchmark::State &state) {
  ag::Tensor x = ag::rand({kN}), b = ag::rand({kN});
  ag::Tensor a = x;
  for (auto _ : state) {
    a.add_(b);
    benchmark::DoNotOptimize(a.data_ptr());
  }
}

// Making handles: a copy and a view (each gets a record when checking).
void BM_copy_handle(benchmark::State &state) {
  ag::Tensor a = ag::rand({4});
  for (auto _ : state) {
    ag::Tensor c = a;
    benchmark::DoNotOptimize(c.data_ptr());
  }
}

void BM_view_tiny(benchmark::State &state) {
  ag::Tensor a = ag::rand({4});
  for (auto _ : state) {
    ag::Tensor v = a.view({2, 2});
    benchmark::DoNotOptimize(v.data_ptr());
  }
}

} // namespace

BENCHMARK(BM_add_tiny);
BENCHMARK(BM_add_tiny_aliased);
BENCHMARK(BM_add_inplace_tiny_aliased);
BENCHMARK(BM_add_1e6)->UseRealTime();
BENCHMARK(BM_add_inplace_1e6)->UseRealTime();
BENCHMARK(BM_copy_handle);
BENCHMARK(BM_view_tiny);

BENCHMARK_MAIN();
