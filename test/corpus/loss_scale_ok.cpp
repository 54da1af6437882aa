// Mixed-precision loss scaling: overflow is checked on the scaled gradients
// before they are unscaled in place (the reads happen before the write).
#include <ag/ag.h>

#include <iostream>

int main() {
  const float loss_scale = 1024.0f;
  ag::Tensor grads = ag::tensor({2048.0f, -512.0f, 70000.0f});

  bool overflow = grads.abs().max().item<float>() > 65504.0f;
  grads.div_(loss_scale);
  std::cout << "overflow " << overflow << "\n";
  if (overflow)
    grads.zero_();
  std::cout << "apply " << grads << "\n";
  float next_scale = overflow ? loss_scale / 2 : loss_scale;
  std::cout << "next loss scale " << next_scale << "\n";
  return 0;
}
// EXPECT: none
