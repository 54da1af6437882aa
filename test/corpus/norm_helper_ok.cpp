// A z-score helper written out of place: the caller's raw features stay raw.
#include <ag/ag.h>

#include <iostream>

ag::Tensor zscore(const ag::Tensor &x) {
  ag::Tensor mean = x.mean();
  ag::Tensor centered = x - mean;
  ag::Tensor std = (centered * centered).mean().sqrt();
  return centered / std;
}

int main() {
  ag::Tensor raw = ag::tensor({10.0f, 20.0f, 30.0f, 40.0f});
  ag::Tensor features = zscore(raw);
  features.clamp_(-1.0f, 1.0f); // the result is a new tensor: ours to change
  std::cout << "features " << features << "\n";
  std::cout << "raw range [" << raw.min().item<float>() << ", "
            << raw.max().item<float>() << "]\n";
  return 0;
}
// EXPECT: none
