// Batch statistics for a normalisation layer: the batch is centred "in a
// copy" that is really the same tensor, so the variance computed afterwards
// from the raw batch sees centred data.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor batch = ag::tensor({{1.0f, 2.0f}, {3.0f, 6.0f}, {5.0f, 10.0f}});
  ag::Tensor running_mean = ag::zeros({2});
  ag::Tensor running_var = ag::ones({2});
  const float momentum = 0.1f;

  ag::Tensor mean = batch.mean({0});
  ag::Tensor centered = batch;
  centered.sub_(mean);
  ag::Tensor var = ((batch - batch.mean({0})) * (batch - batch.mean({0}))).mean({0});

  running_mean.mul_(1 - momentum).add_(mean * momentum);
  running_var.mul_(1 - momentum).add_(var * momentum);
  std::cout << "centered " << centered << "\n";
  std::cout << "running mean " << running_mean << " running var " << running_var << "\n";
  return 0;
}
// EXPECT: assign-instead-of-clone write=16 read=17
