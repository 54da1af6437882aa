// Clipping a layer's transposed weights in place through the handle the
// layer uses, and a scaled flat copy of them for a histogram, computed out of
// place.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor weight = ag::arange(-6, 6, ag::kFloat).view({3, 4});
  ag::Tensor weight_t = weight.t();
  weight_t.clamp_(-2, 2);
  ag::Tensor flat = weight_t.reshape({-1}) * 10;
  std::cout << "histogram input " << flat << "\n";
  ag::Tensor x = ag::ones({2, 4});
  std::cout << "layer out " << x.matmul(weight_t) << "\n";
  return 0;
}
// EXPECT: none
