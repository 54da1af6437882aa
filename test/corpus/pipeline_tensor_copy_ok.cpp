// A data pipeline that copies samples into a tensor with ag::tensor(arr), so
// the later in-place augmentation of the array does not reach it.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::NdArray samples = ag::np::arange(0.0, 6.0).reshape({3, 2});
  ag::Tensor clean = ag::tensor(samples);

  samples *= 1.5;
  ag::Tensor train_batch = ag::from_numpy(samples);

  ag::Tensor target = ag::ones({3, 2}, ag::kDouble);
  double val_loss = (clean - target).abs().mean().item<double>();
  double train_loss = (train_batch - target).abs().mean().item<double>();
  std::cout << "validation loss " << val_loss << "\n";
  std::cout << "training loss " << train_loss << "\n";
  return 0;
}
// EXPECT: none
