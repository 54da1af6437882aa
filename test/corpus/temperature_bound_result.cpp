// Temperature scaling for sampling: the author binds the result of div_ to a
// new name as if it were a new tensor, then computes the calibration error
// from the "unscaled" logits, which were divided in place.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor logits = ag::tensor({2.0f, 1.0f, 0.5f});
  const float temperature = 2.0f;

  auto scaled = logits.div_(temperature);
  ag::Tensor probs = scaled.exp() / scaled.exp().sum();

  ag::Tensor raw_probs = logits.exp() / logits.exp().sum();
  float calibration_gap = (probs - raw_probs).abs().max().item<float>();
  std::cout << "probs " << probs << "\n";
  std::cout << "calibration gap " << calibration_gap << "\n";
  return 0;
}
// EXPECT: inplace-read-later write=12 read=15
// KNOWN-LIMIT: static inplace-read-later write=12 read=15 -- bound-result: at run time 'logits' reads data it wrote itself; the bug is the intent shown by binding div_'s result to a new name, which only the checker sees
