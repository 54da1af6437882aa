// Gradient accumulation over micro-batches into a buffer the callee owns by
// contract: the accumulator is a non-const reference, the micro-batch
// gradients are only read.
#include <ag/ag.h>

#include <iostream>
#include <vector>

void accumulate(ag::Tensor &total, const ag::Tensor &g, float weight) {
  total.add_(g, weight);
}

float grad_norm(const ag::Tensor &g) { return (g * g).sum().sqrt().item<float>(); }

int main() {
  std::vector<ag::Tensor> micro;
  for (int i = 0; i < 4; ++i)
    micro.push_back(ag::full({3}, float(i + 1)));

  ag::Tensor total = ag::zeros({3});
  for (const ag::Tensor &g : micro)
    accumulate(total, g, 1.0f / float(micro.size()));

  std::cout << "mean grad = " << total << "\n";
  std::cout << "norm = " << grad_norm(total) << "\n";
  std::cout << "first micro-batch = " << micro[0] << "\n";
  return 0;
}
// EXPECT: none
