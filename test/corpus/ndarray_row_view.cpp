// A NumPy-style feature table: a row taken with operator[] is a view, so
// adding the bias to "the first sample" also changes the table used for the
// column statistics.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::NdArray table = ag::np::array({{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}});
  ag::NdArray bias = ag::np::full({3}, 0.5);

  ag::NdArray first = table[0];
  first += bias;
  std::cout << "first sample with bias " << first << "\n";

  ag::Tensor col_means = ag::tensor(table).mean({0});
  std::cout << "column means " << col_means << "\n";
  return 0;
}
// EXPECT: view-mutation write=13 read=16
