// Helpers that modify their argument in place and say so: the names end in
// '_' (PyTorch's convention) and callers rely on the change.
#include <ag/ag.h>

#include <iostream>

void clip_grad_(ag::Tensor grad, float max_abs) { grad.clamp_(-max_abs, max_abs); }

void zero_pad_(ag::Tensor &batch, int64_t valid) {
  batch.narrow(1, valid, batch.size(1) - valid).zero_();
}

int main() {
  ag::Tensor grad = ag::tensor({0.5f, -3.0f, 2.0f});
  clip_grad_(grad, 1.0f);
  std::cout << "clipped grad " << grad << "\n";

  ag::Tensor batch = ag::ones({2, 4});
  zero_pad_(batch, 3);
  std::cout << "padded batch " << batch << "\n";
  return 0;
}
// EXPECT: none
