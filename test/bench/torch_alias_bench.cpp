// The LibTorch checker's cost (test/bench/bench_alias.py --torch runs this
// binary without and with LD_PRELOAD=libaliasguard_torch.so, interleaved):
// float32 add at 4 and 10^6 elements, out-of-place and in-place, on tensors
// the checker tracks (a view of them exists) and on fresh ones, plus making
// a temporary view and writing through it.
#include <ATen/ATen.h>

#include <benchmark/benchmark.h>

namespace {

constexpr int64_t kN = 1000000;

// Fresh tensors: never viewed, so never tracked.
void BM_add_tiny(benchmark::State &state) {
  at::Tensor a = at::rand({4}), b = at::rand({4});
  for (auto _ : state) {
    at::Tensor c = a + b;
    benchmark::DoNotOptimize(c.data_ptr());
  }
}

void BM_add_inplace_tiny(benchmark::State &state) {
  at::Tensor a = at::rand({4}), b = at::rand({4});
  for (auto _ : state) {
    a.add_(b);
    benchmark::DoNotOptimize(a.data_ptr());
  }
}

// Tracked tensors: every read looks up its record.
void BM_add_tiny_aliased(benchmark::State &state) {
  at::Tensor a = at::rand({4}), y = at::rand({4});
  at::Tensor av = a.view({2, 2}), b = y.view({4});
  for (auto _ : state) {
    at::Tensor c = a + b;
    benchmark::DoNotOptimize(c.data_ptr());
  }
}

// In-place on a tracked tensor: every write is recorded with its stack.
void BM_add_inplace_tiny_aliased(benchmark::State &state) {
  at::Tensor a = at::rand({4}), b = at::rand({4});
  at::Tensor av = a.view({2, 2});
  for (auto _ : state) {
    a.add_(b);
    benchmark::DoNotOptimize(a.data_ptr());
  }
}

void BM_add_1e6(benchmark::State &state) {
  at::Tensor a = at::rand({kN}), b = at::rand({kN});
  at::Tensor av = a.view({1000, 1000});
  for (auto _ : state) {
    at::Tensor c = a + b;
    benchmark::DoNotOptimize(c.data_ptr());
  }
}

void BM_add_inplace_1e6(benchmark::State &state) {
  at::Tensor a = at::rand({kN}), b = at::rand({kN});
  at::Tensor av = a.view({1000, 1000});
  for (auto _ : state) {
    a.add_(b);
    benchmark::DoNotOptimize(a.data_ptr());
  }
}

// x[0] = v: a temporary view (a record, a stack) and a write through it.
void BM_temporary_view_write(benchmark::State &state) {
  at::Tensor x = at::rand({4});
  for (auto _ : state) {
    x[0].fill_(1.0);
    benchmark::DoNotOptimize(x.data_ptr());
  }
}

} // namespace

BENCHMARK(BM_add_tiny);
BENCHMARK(BM_add_inplace_tiny);
BENCHMARK(BM_add_tiny_aliased);
BENCHMARK(BM_add_inplace_tiny_aliased);
BENCHMARK(BM_add_1e6)->UseRealTime();
BENCHMARK(BM_add_inplace_1e6)->UseRealTime();
BENCHMARK(BM_temporary_view_write);
BENCHMARK_MAIN();
