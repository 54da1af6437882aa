// A running-variance buffer updated through .data() (a handle on the same
// storage, outside autograd): the "before" value logged afterwards is the
// updated one.
#include <torch/torch.h>

#include <iostream>

int main() {
  torch::Tensor running_var = torch::ones({3}, torch::kDouble);
  torch::Tensor batch_var = torch::full({3}, 4.0, torch::kDouble);
  torch::Tensor buffer = running_var.data();
  buffer.mul_(0.9).add_(0.1 * batch_var);
  std::cout << "running variance before the update: " << running_var << "\n";
  std::cout << "after: " << buffer << "\n";
  return 0;
}
// EXPECT: view-mutation write=12 read=13
