// A Q-learning update with a frozen target network: the target is a clone.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor q = ag::tensor({0.5f, 1.0f, -0.5f});
  ag::Tensor reward = ag::tensor({1.0f, 0.0f, 1.0f});
  const float gamma = 0.9f, lr = 0.5f;

  ag::Tensor target = q.detach().clone();
  for (int step = 0; step < 3; ++step) {
    ag::Tensor td = reward + target * gamma - q;
    q.add_(td * lr);
    float td_after = (reward + target * gamma - q).abs().sum().item<float>();
    std::cout << "step " << step << " td error " << td_after << "\n";
  }
  target.copy_(q); // sync the target network
  std::cout << "q " << q << " target " << target << "\n";
  return 0;
}
// EXPECT: none
