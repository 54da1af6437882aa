// Centering the first sample of a batch through a named row view before
// logging the batch statistics: the batch mean is then computed from the
// modified data.
#include <torch/torch.h>

#include <iostream>

int main() {
  torch::Tensor batch = torch::arange(12, torch::kFloat).reshape({3, 4});
  torch::Tensor first = batch[0];
  first.sub_(first.mean());
  std::cout << "first sample centered: " << first.sum().item<float>() << "\n";
  float batch_mean = batch.mean().item<float>();
  std::cout << "batch mean " << batch_mean << "\n";
  return 0;
}
// EXPECT: view-mutation write=11 read=13
