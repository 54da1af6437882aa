// Early stopping done right: the best weights are cloned when the loss
// improves, so later updates do not reach them.
#include <ag/ag.h>

#include <iostream>

static float loss_of(const ag::Tensor &w) {
  ag::Tensor target = ag::tensor({1.0f, 2.0f});
  return (w - target).abs().sum().item<float>();
}

int main() {
  ag::Tensor w = ag::tensor({0.0f, 0.0f});
  ag::Tensor grad = ag::tensor({-0.8f, -1.5f});
  ag::Tensor best = w.clone();
  float best_loss = loss_of(w);

  for (int epoch = 0; epoch < 3; ++epoch) {
    w.sub_(grad);
    float loss = loss_of(w);
    std::cout << "epoch " << epoch << " loss " << loss << "\n";
    if (loss < best_loss) {
      best_loss = loss;
      best = w.clone();
    }
  }
  std::cout << "best loss " << best_loss << " restored weights " << best << "\n";
  return 0;
}
// EXPECT: none
