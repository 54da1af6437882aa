// Clipping a layer's weights through a flat handle: the layer keeps them
// transposed for its backward pass, so reshape() cannot return a view and
// copies. The clipping goes into the copy; the layer still multiplies with
// the unclipped weights.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor weight = ag::arange(-6, 6, ag::kFloat).view({3, 4});
  ag::Tensor weight_t = weight.t();
  ag::Tensor flat = weight_t.reshape({-1});
  flat.clamp_(-2, 2);
  ag::Tensor x = ag::ones({2, 4});
  std::cout << "layer out " << x.matmul(weight_t) << "\n";
  return 0;
}
// EXPECT: lost-write write=13 read=15
