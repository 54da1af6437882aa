// ag vs LibTorch, side by side in one run: float32 add at 1e6 elements
// (out-of-place and in-place), a transposed 1000x1000 add, a 4-element add
// (per-op overhead), and memcpy of the same bytes (the bandwidth ceiling).
//
// Bytes processed = bytes read + bytes written, so that the add rows (two
// reads, one write) and the memcpy row (one read, one write) are comparable:
// compare.py prints ag/LibTorch and ag/memcpy ratios from the JSON output.
// Every benchmark uses real time: both libraries run on several threads.
#include <ag/ag.h>

#include <benchmark/benchmark.h>
#include <torch/torch.h>

#include <cstring>
#include <vector>

namespace {

constexpr int64_t kN = 1000000;
constexpr int64_t kSide = 1000;
constexpr int64_t kFloatBytes = 4;

void set_add_bytes(benchmark::State &state, int64_t n) {
  state.SetBytesProcessed(int64_t(state.iterations()) * n * kFloatBytes * 3);
}

// --- Contiguous out-of-place add, 1e6 float32 ---
void BM_add_1e6_ag(benchmark::State &state) {
  ag::Tensor a = ag::rand({kN}), b = ag::rand({kN});
  for (auto _ : state) {
    ag::Tensor c = a + b;
    benchmark::DoNotOptimize(c.data_ptr());
  }
  set_add_bytes(state, kN);
}
void BM_add_1e6_torch(benchmark::State &state) {
  torch::Tensor a = torch::rand({kN}), b = torch::rand({kN});
  for (auto _ : state) {
    torch::Tensor c = a + b;
    benchmark::DoNotOptimize(c.data_ptr());
  }
  set_add_bytes(state, kN);
}

// --- Contiguous in-place add, 1e6 float32 ---
void BM_add_inplace_1e6_ag(benchmark::State &state) {
  ag::Tensor a = ag::rand({kN}), b = ag::rand({kN});
  for (auto _ : state) {
    a.add_(b);
    benchmark::DoNotOptimize(a.data_ptr());
  }
  set_add_bytes(state, kN);
}
void BM_add_inplace_1e6_torch(benchmark::State &state) {
  torch::Tensor a = torch::rand({kN}), b = torch::rand({kN});
  for (auto _ : state) {
    a.add_(b);
    benchmark::DoNotOptimize(a.data_ptr());
  }
  set_add_bytes(state, kN);
}

// --- Strided: a transposed 1000x1000 view plus a contiguous matrix ---
void BM_add_transposed_ag(benchmark::State &state) {
  ag::Tensor a = ag::rand({kSide, kSide}), b = ag::rand({kSide, kSide});
  for (auto _ : state) {
    ag::Tensor c = a.t() + b;
    benchmark::DoNotOptimize(c.data_ptr());
  }
  set_add_bytes(state, kSide * kSide);
}
void BM_add_transposed_torch(benchmark::State &state) {
  torch::Tensor a = torch::rand({kSide, kSide}), b = torch::rand({kSide, kSide});
  for (auto _ : state) {
    torch::Tensor c = a.t() + b;
    benchmark::DoNotOptimize(c.data_ptr());
  }
  set_add_bytes(state, kSide * kSide);
}

// --- Tiny: 4 elements, i.e. the per-op overhead ---
void BM_add_tiny_ag(benchmark::State &state) {
  ag::Tensor a = ag::rand({4}), b = ag::rand({4});
  for (auto _ : state) {
    ag::Tensor c = a + b;
    benchmark::DoNotOptimize(c.data_ptr());
  }
  set_add_bytes(state, 4);
}
void BM_add_tiny_torch(benchmark::State &state) {
  torch::Tensor a = torch::rand({4}), b = torch::rand({4});
  for (auto _ : state) {
    torch::Tensor c = a + b;
    benchmark::DoNotOptimize(c.data_ptr());
  }
  set_add_bytes(state, 4);
}

// --- The bandwidth ceiling: memcpy of 1e6 float32 (one thread) ---
void BM_memcpy_1e6(benchmark::State &state) {
  std::vector<float> src(size_t(kN), 1.0f), dst(size_t(kN), 0.0f);
  for (auto _ : state) {
    std::memcpy(dst.data(), src.data(), size_t(kN) * sizeof(float));
    benchmark::DoNotOptimize(dst.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * kN * kFloatBytes * 2);
}

} // namespace

BENCHMARK(BM_add_1e6_ag)->UseRealTime();
BENCHMARK(BM_add_1e6_torch)->UseRealTime();
BENCHMARK(BM_add_inplace_1e6_ag)->UseRealTime();
BENCHMARK(BM_add_inplace_1e6_torch)->UseRealTime();
BENCHMARK(BM_add_transposed_ag)->UseRealTime();
BENCHMARK(BM_add_transposed_torch)->UseRealTime();
BENCHMARK(BM_add_tiny_ag)->UseRealTime();
BENCHMARK(BM_add_tiny_torch)->UseRealTime();
BENCHMARK(BM_memcpy_1e6)->UseRealTime();

BENCHMARK_MAIN();
