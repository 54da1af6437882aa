// Min-max scaling with the original readings exported through a clone.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor readings = ag::tensor({12.0f, 18.0f, 15.0f, 30.0f});
  ag::NdArray original = readings.clone().numpy();

  float lo = readings.min().item<float>();
  float hi = readings.max().item<float>();
  readings.sub_(lo);
  readings.div_(hi - lo);

  std::cout << "original: " << original << "\n";
  std::cout << "scaled: " << readings << "\n";
  ag::Tensor restored = readings * (hi - lo) + lo;
  std::cout << "restored: " << restored << "\n";
  return 0;
}
// EXPECT: none
