// Tutorial: a tensor and the NumPy array made from it with numpy() share
// memory, and so do an array and from_numpy(array); tensor(array) and
// clone().numpy() copy.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor a = ag::ones({5});
  ag::NdArray b = a.numpy(); // shares
  a.add_(1);
  std::cout << "a = " << a << "\n";
  std::cout << "b = " << b << "\n";

  ag::NdArray arr = ag::np::ones({5});
  ag::Tensor t = ag::from_numpy(arr); // shares
  arr += 1;
  std::cout << "arr = " << arr << "\n";
  std::cout << "t = " << t << "\n";

  ag::Tensor copied = ag::tensor(arr); // copies
  ag::NdArray separate = a.clone().numpy(); // copies
  arr += 1;
  a.add_(1);
  std::cout << "tensor(arr) after arr += 1: " << copied << "\n";
  std::cout << "clone().numpy() after a.add_(1): " << separate << "\n";
  return 0;
}
