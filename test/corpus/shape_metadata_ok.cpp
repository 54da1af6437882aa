// A handle copy kept only for its shape: after the in-place write through
// the original, only metadata is read from the copy, never the data.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor activations = ag::ones({4, 3});
  ag::Tensor shape_ref = activations;

  activations.mul_(0.5f);
  activations.clamp_min_(0.1f);

  std::cout << "shape " << shape_ref.sizes() << " dims " << shape_ref.dim()
            << " elements " << shape_ref.numel() << " dtype " << shape_ref.dtype() << "\n";
  std::cout << "activations " << activations.sum().item<float>() << "\n";
  ag::Tensor restored = ag::ones(shape_ref.sizes());
  std::cout << "fresh tensor of that shape " << restored.sum().item<float>() << "\n";
  return 0;
}
// EXPECT: none
