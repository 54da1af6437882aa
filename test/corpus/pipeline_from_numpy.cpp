// A data pipeline: samples arrive as a NumPy-style array and are wrapped as a
// tensor with from_numpy (no copy). The augmentation then scales the array in
// place, and the "clean" tensor used for the validation loss sees it.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::NdArray samples = ag::np::arange(0.0, 6.0).reshape({3, 2});
  ag::Tensor clean = ag::from_numpy(samples);

  // Augmentation for the training batch: scale the samples.
  samples *= 1.5;
  ag::Tensor train_batch = ag::from_numpy(samples);

  ag::Tensor target = ag::ones({3, 2}, ag::kDouble);
  double val_loss = (clean - target).abs().mean().item<double>();
  double train_loss = (train_batch - target).abs().mean().item<double>();
  std::cout << "validation loss " << val_loss << "\n";
  std::cout << "training loss " << train_loss << "\n";
  return 0;
}
// EXPECT: view-mutation write=13 read=17
