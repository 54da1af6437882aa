// A per-feature dropout keep-mask expanded over the batch (a view). Rescaling
// the feature mask in place for the next layer also changes the expanded
// mask applied to this layer's activations.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor keep = ag::tensor({{1.0f, 0.0f, 1.0f}});
  ag::Tensor batch_mask = keep.expand({4, 3});
  ag::Tensor activations = ag::ones({4, 3});

  keep.div_(0.5f); // inverted-dropout scale for the next layer

  ag::Tensor out = activations * batch_mask;
  std::cout << "out " << out << "\n";
  std::cout << "next-layer keep " << keep << "\n";
  return 0;
}
// EXPECT: view-mutation write=13 read=15
