// First differences of price series in place (one series per row): each
// column minus the column before it. The operand is the matrix itself shifted
// by one column, so a column is read after it was already turned into a
// difference: the result depends on the order LibTorch walks the columns.
#include <torch/torch.h>

#include <iostream>

int main() {
  torch::Tensor prices = torch::tensor({{100.0f, 101.0f, 103.0f, 102.0f},
                                        {50.0f, 49.0f, 52.0f, 55.0f}});
  prices.slice(1, 1).sub_(prices.slice(1, 0, 3));
  std::cout << "returns " << prices.slice(1, 1) << "\n";
  return 0;
}
// EXPECT: overlapping-inplace write=12
