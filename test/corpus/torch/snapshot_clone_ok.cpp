// Snapshots taken with clone() before in-place updates, and writes through
// temporary views (x[i] = v, narrow(...).fill_): each the writer's own data.
#include <torch/torch.h>

#include <iostream>

int main() {
  torch::Tensor state = torch::zeros({2, 3});
  torch::Tensor snapshot = state.clone();
  state[0] = 1.0;
  state.narrow(1, 1, 2).fill_(2.0);
  state.add_(0.5);
  std::cout << "snapshot " << snapshot.sum().item<float>() << "\n";
  std::cout << "state " << state.sum().item<float>() << "\n";
  return 0;
}
// EXPECT: none
