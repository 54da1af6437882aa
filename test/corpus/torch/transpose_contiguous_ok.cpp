// A column-major copy of the weights for a kernel: contiguous() of a
// transposed view copies, so scaling the weights afterwards leaves it as it
// was.
#include <torch/torch.h>

#include <iostream>

int main() {
  torch::Tensor weight = torch::arange(6, torch::kFloat).reshape({2, 3});
  torch::Tensor packed = weight.t().contiguous();
  weight.mul_(0.5);
  std::cout << "packed " << packed.sum().item<float>() << "\n";
  std::cout << "weight " << weight.sum().item<float>() << "\n";
  return 0;
}
// EXPECT: none
