// SGD with momentum, written the way the PyTorch optimiser does it: the
// velocity buffer starts as a clone of the first gradient.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor w = ag::tensor({0.5f, -0.25f, 1.0f});
  ag::Tensor grad = ag::tensor({0.1f, 0.2f, -0.3f});
  const float lr = 0.1f;
  const float mu = 0.9f;

  ag::Tensor velocity = grad.clone();
  for (int step = 0; step < 3; ++step) {
    velocity.mul_(mu);
    velocity.add_(grad);
    w.sub_(velocity * lr);
    grad = w * 0.5f; // a new gradient each step: rebinding, no write
  }
  std::cout << "w = " << w << "\n";
  std::cout << "velocity = " << velocity << "\n";
  std::cout << "grad = " << grad << "\n";
  return 0;
}
// EXPECT: none
