// A NumPy-style feature table: the biased first sample is a copy of the row.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::NdArray table = ag::np::array({{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}});
  ag::NdArray bias = ag::np::full({3}, 0.5);

  ag::NdArray first = table[0].copy();
  first += bias;
  std::cout << "first sample with bias " << first << "\n";

  ag::NdArray scaled = table * 2.0;
  scaled += 1.0;
  ag::Tensor col_means = ag::tensor(table).mean({0});
  std::cout << "column means " << col_means << "\n";
  std::cout << "scaled " << scaled << "\n";
  return 0;
}
// EXPECT: none
