// Scaling an image batch to [0, 1] through a flat handle: the batch arrives
// channels-last and is permuted to channels-first, so flatten() cannot return
// a view and copies. The scaling goes into the copy; the statistics computed
// from the permuted batch afterwards are of the unscaled pixels.
#include <torch/torch.h>

#include <iostream>

int main() {
  torch::Tensor hwc = torch::arange(24, torch::kFloat).view({2, 3, 4});
  torch::Tensor chw = hwc.permute({2, 0, 1});
  torch::Tensor flat = chw.flatten();
  flat.div_(23.0);
  std::cout << "max after scaling " << chw.max().item<float>() << "\n";
  return 0;
}
// EXPECT: lost-write write=13 read=14
