// A loader that fills each batch tensor through its own data pointer, then
// reads the tensor and a view made after the fill.
#include <ag/ag.h>

#include <iostream>

int main() {
  float total = 0;
  for (int b = 0; b < 3; ++b) {
    ag::Tensor batch = ag::empty({6});
    float *p = batch.data_ptr<float>();
    for (int64_t i = 0; i < batch.numel(); ++i)
      p[i] = float(b) + 0.5f * float(i);
    ag::Tensor grid = batch.view({2, 3});
    total += grid.sum().item<float>();
    std::cout << "batch " << b << " rows " << grid.sum({1}) << "\n";
  }
  std::cout << "total " << total << "\n";
  return 0;
}
// EXPECT: none
