// Batching with views: the first mini-batch is a narrow() view of the
// dataset, and its in-place augmentation (brightness jitter) leaks into the
// dataset used for evaluation.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::manual_seed(7);
  ag::Tensor images = ag::rand({6, 4});
  const int64_t batch_size = 2;

  ag::Tensor batch = images.narrow(0, 0, batch_size);
  batch.mul_(1.2f);
  batch.clamp_(0.0f, 1.0f);
  std::cout << "train batch mean " << batch.mean().item<float>() << "\n";

  float eval_mean = images.mean().item<float>();
  std::cout << "eval mean " << eval_mean << "\n";
  return 0;
}
// EXPECT: view-mutation write=14 read=18
