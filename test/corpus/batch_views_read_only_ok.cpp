// Batching with views that are only read: each batch is a narrow() of the
// dataset and the loss is computed out of place.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor data = ag::arange(0, 12, ag::kFloat).view({6, 2});
  ag::Tensor w = ag::tensor({0.1f, -0.2f});
  const int64_t batch_size = 2;

  for (int epoch = 0; epoch < 2; ++epoch) {
    float epoch_loss = 0;
    for (int64_t start = 0; start < data.size(0); start += batch_size) {
      ag::Tensor batch = data.narrow(0, start, batch_size);
      ag::Tensor centred = batch - batch.mean();
      ag::Tensor pred = (centred * w).sum({1});
      epoch_loss += (pred * pred).mean().item<float>();
      w.sub_((centred * 0.01f).mean({0}));
    }
    std::cout << "epoch " << epoch << " loss " << epoch_loss << "\n";
  }
  std::cout << "dataset mean " << data.mean().item<float>() << " w " << w << "\n";
  return 0;
}
// EXPECT: none
