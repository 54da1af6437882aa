// An evaluation pipeline with two aliasing bugs: the exported NumPy scores
// are a view of the logits that are later softened in place, and the list
// of per-epoch accuracies stores handles of one accumulator that keeps
// changing.
#include <ag/ag.h>

#include <iostream>
#include <vector>

int main() {
  ag::Tensor logits = ag::tensor({3.0f, -1.0f, 0.5f, 2.0f});
  ag::NdArray export_scores = logits.numpy();
  logits.div_(2.0f); // temperature softening for the ensemble
  std::cout << "exported scores " << export_scores << "\n";

  std::vector<ag::Tensor> per_epoch;
  ag::Tensor correct = ag::zeros({1});
  for (int epoch = 0; epoch < 3; ++epoch) {
    correct.add_(float(epoch + 1));
    per_epoch.push_back(correct);
  }
  for (size_t i = 0; i < per_epoch.size(); ++i)
    std::cout << "epoch " << i << " correct " << per_epoch[i].item<float>() << "\n";
  std::cout << "softened " << logits << "\n";
  return 0;
}
// EXPECT: view-mutation write=13 read=14
// EXPECT: inplace-read-later write=19 read=23
