// A z-score helper that normalises its by-value argument in place: the
// caller's raw features are standardised behind its back, and the report of
// the raw feature range prints standardised numbers.
#include <ag/ag.h>

#include <iostream>

ag::Tensor zscore(ag::Tensor x) {
  ag::Tensor mean = x.mean();
  ag::Tensor centered = x - mean;
  float std = (centered * centered).mean().sqrt().item<float>();
  x.sub_(mean);
  x.div_(std);
  return x;
}

int main() {
  ag::Tensor raw = ag::tensor({10.0f, 20.0f, 30.0f, 40.0f});
  ag::Tensor features = zscore(raw);
  std::cout << "features " << features << "\n";
  std::cout << "raw range [" << raw.min().item<float>() << ", "
            << raw.max().item<float>() << "]\n";
  return 0;
}
// EXPECT: param-mutation write=12 read=21
