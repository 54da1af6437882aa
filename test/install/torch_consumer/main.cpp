// An unmodified LibTorch program; linking aliasguard::torch_checked checks it.
#include <ATen/ATen.h>

#include <iostream>

int main() {
  at::Tensor x = at::ones({2, 2});
  at::Tensor flat = x.view({4});
  flat.add_(1);
  std::cout << "torch consumer: " << x.sum().item<float>() << "\n";
  return 0;
}
