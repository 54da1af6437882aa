// Filling a batch row by row through named row views: each view writes only
// its own row, and the other rows read afterwards are unchanged.
#include <torch/torch.h>

#include <iostream>

int main() {
  torch::Tensor batch = torch::zeros({2, 4});
  torch::Tensor input_row = batch[0];
  torch::Tensor target_row = batch[1];
  target_row.fill_(1.0);
  input_row.copy_(torch::arange(4, torch::kFloat));
  std::cout << "target " << target_row.sum().item<float>() << "\n";
  return 0;
}
// EXPECT: none
