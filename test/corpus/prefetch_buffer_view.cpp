// Double buffering gone wrong: the batch being trained on is a view of the
// loader's staging buffer, and the loader prefetches the next batch into
// that buffer (through its data pointer) before the loss of the current
// batch is computed.
#include <ag/ag.h>

#include <iostream>

static void load_batch(float *dst, int64_t n, int batch_index) {
  for (int64_t i = 0; i < n; ++i)
    dst[i] = float(batch_index * 10) + float(i);
}

int main() {
  ag::Tensor staging = ag::empty({6});
  float *buffer = staging.data_ptr<float>();
  load_batch(buffer, staging.numel(), 0);

  ag::Tensor batch = staging.view({2, 3});
  std::cout << "training on batch 0 " << batch << "\n";

  // Prefetch batch 1 while "batch" is still in use.
  for (int64_t i = 0; i < staging.numel(); ++i)
    buffer[i] = 10.0f + float(i);

  float loss = (batch * batch).mean().item<float>();
  std::cout << "loss of batch 0 " << loss << "\n";
  return 0;
}
// EXPECT: view-mutation write=24 read=26
// KNOWN-LIMIT: static view-mutation write=24 read=26 -- raw-pointer-write: stores through a raw data pointer bypass the runtime's API, so it cannot see the write
