// Row-normalising a matrix in place on purpose, through temporary row views
// (each write is the matrix's own write), keeping the raw totals first.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor counts = ag::tensor({{1.0f, 3.0f}, {2.0f, 2.0f}, {0.0f, 5.0f}});
  ag::Tensor totals = counts.sum({1});
  float grand_total = counts.sum().item<float>();

  for (int64_t i = 0; i < counts.size(0); ++i)
    counts[i].div_(totals[i]);

  std::cout << "row totals " << totals << " grand total " << grand_total << "\n";
  std::cout << "probs " << counts << "\n";
  std::cout << "row sums " << counts.sum({1}) << "\n";
  return 0;
}
// EXPECT: none
