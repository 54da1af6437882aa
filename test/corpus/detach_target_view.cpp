// A Q-learning update: the bootstrap target is q.detach(), a view of the
// same storage, so the in-place update of q also moves the target and the
// reported TD error after the update is always zero.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor q = ag::tensor({0.5f, 1.0f, -0.5f});
  ag::Tensor reward = ag::tensor({1.0f, 0.0f, 1.0f});
  const float gamma = 0.9f, lr = 0.5f;

  ag::Tensor target = q.detach();
  ag::Tensor td = reward + target * gamma - q;
  q.add_(td * lr);

  float td_after = (reward + target * gamma - q).abs().sum().item<float>();
  std::cout << "q " << q << "\n";
  std::cout << "td error after update " << td_after << "\n";
  return 0;
}
// EXPECT: view-mutation write=15 read=17
