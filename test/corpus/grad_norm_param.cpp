// Gradient clipping: the norm helper squares the gradient in place to sum
// it, so the caller's gradient is destroyed before it is clipped and applied.
#include <ag/ag.h>

#include <cmath>
#include <iostream>

float grad_norm(const ag::Tensor &g) {
  g.mul_(g);
  return std::sqrt(g.sum().item<float>());
}

int main() {
  ag::Tensor w = ag::tensor({1.0f, 1.0f, 1.0f});
  ag::Tensor grad = ag::tensor({3.0f, -4.0f, 0.0f});
  const float max_norm = 1.0f;

  float norm = grad_norm(grad);
  ag::Tensor clipped = norm > max_norm ? grad * (max_norm / norm) : grad;
  w.sub_(clipped * 0.1f);
  std::cout << "norm = " << norm << "\n";
  std::cout << "w = " << w << "\n";
  return 0;
}
// EXPECT: param-mutation write=9 read=19
// KNOWN-LIMIT: static param-mutation write=9 -- const-ref-param: the parameter is a const reference, the caller's own handle, so the runtime sees the caller read data it wrote itself; only by-value parameters are separate handles
