// NumPy interop without stale reads: a tensor wraps an array with
// from_numpy, is only read while the array is unchanged, and the array is
// updated only after the last read through the tensor.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::NdArray features = ag::np::arange(1.0, 7.0).reshape({2, 3});
  ag::Tensor t = ag::from_numpy(features);
  ag::Tensor row_means = t.mean({1});
  std::cout << "row means " << row_means << "\n";

  features /= 10.0;
  std::cout << "rescaled features " << features << "\n";

  ag::NdArray exported = (row_means * 2.0).numpy();
  exported += 1.0;
  std::cout << "exported " << exported << " row means again " << row_means << "\n";
  return 0;
}
// EXPECT: none
