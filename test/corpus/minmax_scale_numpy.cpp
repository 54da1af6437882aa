// Min-max scaling of sensor readings. The "original" readings handed to the
// NumPy-side logger are a view of the tensor, so the log shows scaled values.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor readings = ag::tensor({12.0f, 18.0f, 15.0f, 30.0f});
  ag::NdArray original = readings.numpy();

  float lo = readings.min().item<float>();
  float hi = readings.max().item<float>();
  readings.sub_(lo);
  readings.div_(hi - lo);

  std::cout << "original: " << original << "\n";
  std::cout << "scaled: " << readings << "\n";
  return 0;
}
// EXPECT: view-mutation write=13 read=16
