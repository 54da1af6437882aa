// Exponential moving average of model weights with an independent shadow.
#include <ag/ag.h>

#include <iostream>

struct Ema {
  ag::Tensor shadow;
  float decay;
  void update(const ag::Tensor &w) {
    shadow.mul_(decay);
    shadow.add_(w * (1 - decay));
  }
};

int main() {
  ag::Tensor w = ag::tensor({1.0f, 2.0f, 3.0f});
  Ema ema{w.clone(), 0.99f};
  for (int step = 0; step < 3; ++step) {
    w.add_(0.1f);
    ema.update(w);
  }
  std::cout << "weights " << w << "\n";
  std::cout << "ema " << ema.shadow << "\n";
  return 0;
}
// EXPECT: none
