// One Adam step with a flat moment buffer: the bias correction is applied in
// place to a reshaped view of the first moment, which silently rescales the
// moment itself; the state saved for the next step is already corrected.
#include <ag/ag.h>

#include <cmath>
#include <iostream>

int main() {
  ag::Tensor w = ag::ones({2, 2});
  ag::Tensor m = ag::zeros({4});
  ag::Tensor v = ag::zeros({4});
  const float beta1 = 0.9f, beta2 = 0.999f, lr = 0.01f, eps = 1e-8f;
  const int t = 1;

  ag::Tensor g = (w * 0.5f).flatten();
  m.mul_(beta1).add_(g * (1 - beta1));
  v.mul_(beta2).add_(g * g * (1 - beta2));
  ag::Tensor m_hat = m.view({2, 2});
  m_hat.div_(1 - std::pow(beta1, float(t)));
  ag::Tensor v_hat = v.view({2, 2}) / (1 - std::pow(beta2, float(t)));
  w.sub_(m_hat * lr / (v_hat.sqrt() + eps));

  std::cout << "w = " << w << "\n";
  std::cout << "saved state m = " << m << "\n";
  std::cout << "saved state v = " << v << "\n";
  return 0;
}
// EXPECT: view-mutation write=20 read=25
