// Handing a hidden state over with std::move: the old name is dead, so the
// in-place update of the new owner reaches no other reader.
#include <ag/ag.h>

#include <iostream>
#include <utility>
#include <vector>

int main() {
  ag::Tensor hidden = ag::zeros({2});
  std::vector<ag::Tensor> outputs;

  for (int t = 0; t < 3; ++t) {
    ag::Tensor x = ag::full({2}, float(t + 1));
    ag::Tensor next = std::move(hidden);
    next.mul_(0.5f).add_(x);
    outputs.push_back(next.clone());
    hidden = std::move(next);
  }
  for (const ag::Tensor &o : outputs)
    std::cout << o << "\n";
  std::cout << "final hidden " << hidden << "\n";
  return 0;
}
// EXPECT: none
