// Exporting raw model scores through clone().numpy(): the export is a copy.
#include <ag/ag.h>

#include <iostream>

static double report_max(const ag::NdArray &scores) {
  return ag::tensor(scores).max().item<double>();
}

int main() {
  ag::Tensor logits = ag::tensor({-2.0f, 0.5f, 3.0f, 1.5f});
  ag::NdArray raw_scores = logits.clone().numpy();

  logits.clamp_(0.0f, 1.0f);
  std::cout << "post-processed " << logits << "\n";
  std::cout << "raw max score " << report_max(raw_scores) << "\n";
  ag::NdArray calibrated = raw_scores * 0.5;
  std::cout << "calibrated " << calibrated << "\n";
  return 0;
}
// EXPECT: none
