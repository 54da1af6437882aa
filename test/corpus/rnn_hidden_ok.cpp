// A recurrent cell whose update is out of place: the previous hidden state
// stays valid after the step.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor h = ag::zeros({3});
  ag::Tensor inputs = ag::tensor({{1.0f, 0.0f, 0.5f}, {0.2f, 0.1f, 0.0f}, {0.0f, 0.0f, 0.1f}});
  const float decay = 0.5f;

  for (int64_t t = 0; t < inputs.size(0); ++t) {
    ag::Tensor prev = h;
    h = h * decay + inputs[t];
    float moved = (h - prev).abs().sum().item<float>();
    std::cout << "step " << t << " moved " << moved << "\n";
  }
  std::cout << "h = " << h << "\n";
  return 0;
}
// EXPECT: none
