// Tracking how far an update moved the weights: `previous` was meant to be a
// snapshot, but detach() shares the weights' storage, so the distance is
// always zero.
#include <torch/torch.h>

#include <iostream>

int main() {
  torch::Tensor weights = torch::ones({4}, torch::requires_grad());
  torch::Tensor loss = (weights * weights).sum();
  loss.backward();
  torch::Tensor previous = weights.detach();
  {
    torch::NoGradGuard no_grad;
    weights.sub_(0.1 * weights.grad());
  }
  float moved = (weights.detach() - previous).norm().item<float>();
  std::cout << "update moved the weights by " << moved << "\n";
  return 0;
}
// EXPECT: view-mutation write=15 read=17
