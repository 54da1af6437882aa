// Early stopping: keep the weights of the best epoch. The "snapshot" is a
// copied handle, so it follows every later update and the restored weights
// are the last ones, not the best ones.
#include <ag/ag.h>

#include <iostream>

static float loss_of(const ag::Tensor &w) {
  ag::Tensor target = ag::tensor({1.0f, 2.0f});
  return (w - target).abs().sum().item<float>();
}

int main() {
  ag::Tensor w = ag::tensor({0.0f, 0.0f});
  ag::Tensor grad = ag::tensor({-0.8f, -1.5f});
  ag::Tensor best = w;
  float best_loss = loss_of(w);

  for (int epoch = 0; epoch < 3; ++epoch) {
    w.sub_(grad);
    float loss = loss_of(w);
    std::cout << "epoch " << epoch << " loss " << loss << "\n";
    if (loss < best_loss)
      best_loss = loss;
  }
  std::cout << "best loss " << best_loss << " restored weights " << best << "\n";
  return 0;
}
// EXPECT: assign-instead-of-clone write=20 read=26
