// Batching with views, augmenting a clone of each batch so the dataset stays
// untouched for evaluation.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::manual_seed(7);
  ag::Tensor images = ag::rand({6, 4});
  const int64_t batch_size = 2;

  for (int64_t start = 0; start < images.size(0); start += batch_size) {
    ag::Tensor batch = images.narrow(0, start, batch_size).clone();
    batch.mul_(1.2f);
    batch.clamp_(0.0f, 1.0f);
    std::cout << "train batch " << start / batch_size << " mean " << batch.mean().item<float>() << "\n";
  }
  float eval_mean = images.mean().item<float>();
  std::cout << "eval mean " << eval_mean << "\n";
  return 0;
}
// EXPECT: none
