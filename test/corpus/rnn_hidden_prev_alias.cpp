// A recurrent cell that measures how much its hidden state moved each step.
// "prev" is a copied handle of the hidden state, so after the in-place
// update the measured change is always zero and the early exit never fires.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor h = ag::zeros({3});
  ag::Tensor inputs = ag::tensor({{1.0f, 0.0f, 0.5f}, {0.2f, 0.1f, 0.0f}, {0.0f, 0.0f, 0.1f}});
  const float decay = 0.5f;

  for (int64_t t = 0; t < inputs.size(0); ++t) {
    ag::Tensor prev = h;
    h.mul_(decay);
    h.add_(inputs[t]);
    float moved = (h - prev).abs().sum().item<float>();
    std::cout << "step " << t << " moved " << moved << "\n";
    if (moved < 1e-6f && t > 0)
      std::cout << "  converged?\n";
  }
  std::cout << "h = " << h << "\n";
  return 0;
}
// EXPECT: assign-instead-of-clone write=15 read=17
