// A contiguous copy of a transposed matrix: contiguous() of a non-contiguous
// tensor always copies, so scaling the result in place leaves the original.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor weight = ag::tensor({{1.0f, 2.0f, 3.0f}, {4.0f, 5.0f, 6.0f}});
  ag::Tensor x = ag::tensor({{1.0f, -1.0f}});
  std::cout << "x @ weight " << x.matmul(weight) << "\n";

  ag::Tensor packed = weight.t().contiguous();
  packed.mul_(0.5f); // packed for a kernel that wants column-major halves

  std::cout << "packed " << packed << "\n";
  std::cout << "weight " << weight << "\n";
  return 0;
}
// EXPECT: none
