// Adam: the moments are updated in place (they are the optimiser's state),
// the bias-corrected estimates are new tensors.
#include <ag/ag.h>

#include <cmath>
#include <iostream>

int main() {
  ag::Tensor w = ag::ones({2, 2});
  ag::Tensor m = ag::zeros({2, 2});
  ag::Tensor v = ag::zeros({2, 2});
  const float beta1 = 0.9f, beta2 = 0.999f, lr = 0.01f, eps = 1e-8f;

  for (int t = 1; t <= 3; ++t) {
    ag::Tensor g = w * 0.5f;
    m.mul_(beta1).add_(g, 1 - beta1);
    v.mul_(beta2).add_(g * g, 1 - beta2);
    ag::Tensor m_hat = m / (1 - std::pow(beta1, float(t)));
    ag::Tensor v_hat = v / (1 - std::pow(beta2, float(t)));
    w.sub_(m_hat * lr / (v_hat.sqrt() + eps));
  }
  std::cout << "w = " << w << "\n";
  std::cout << "m = " << m << "\n";
  std::cout << "v = " << v << "\n";
  return 0;
}
// EXPECT: none
