// Mixed-precision loss scaling: the unscaled gradients are "copied" from the
// scaled ones by handle copy, so unscaling in place also unscales the
// gradients that the overflow check inspects against the scaled threshold.
#include <ag/ag.h>

#include <iostream>

int main() {
  const float loss_scale = 1024.0f;
  ag::Tensor scaled_grads = ag::tensor({2048.0f, -512.0f, 70000.0f});

  ag::Tensor grads = scaled_grads;
  grads.div_(loss_scale);

  bool overflow = scaled_grads.abs().max().item<float>() > 65504.0f;
  std::cout << "overflow " << overflow << "\n";
  if (!overflow)
    std::cout << "apply " << grads << "\n";
  return 0;
}
// EXPECT: assign-instead-of-clone write=13 read=15
