// Scaling an image batch to [0, 1] through a flat handle, then copying the
// scaled pixels back into the permuted batch: flatten() copies a permuted
// tensor, and the copy-back makes the write reach it either way.
#include <torch/torch.h>

#include <iostream>

int main() {
  torch::Tensor hwc = torch::arange(24, torch::kFloat).view({2, 3, 4});
  torch::Tensor chw = hwc.permute({2, 0, 1});
  torch::Tensor flat = chw.flatten();
  flat.div_(23.0);
  if (!chw.is_contiguous())
    chw.copy_(flat.view(chw.sizes()));
  std::cout << "max after scaling " << chw.max().item<float>() << "\n";
  return 0;
}
// EXPECT: none
