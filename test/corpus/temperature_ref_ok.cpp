// Temperature scaling in place on purpose: the result is bound to a
// reference (the same tensor), and the raw probabilities are computed first.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor logits = ag::tensor({2.0f, 1.0f, 0.5f});
  const float temperature = 2.0f;

  ag::Tensor raw_probs = logits.exp() / logits.exp().sum();
  ag::Tensor &scaled = logits.div_(temperature);
  ag::Tensor probs = scaled.exp() / scaled.exp().sum();

  float calibration_gap = (probs - raw_probs).abs().max().item<float>();
  std::cout << "probs " << probs << " logits " << logits << "\n";
  std::cout << "calibration gap " << calibration_gap << "\n";
  return 0;
}
// EXPECT: none
