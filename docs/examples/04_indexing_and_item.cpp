// Tutorial: indexing returns views; assigning to an indexed element writes
// the original; item() turns a one-element tensor into a number.
#include <ag/ag.h>

#include <iostream>

int main() {
  using namespace ag::indexing;
  ag::Tensor x = ag::tensor({{1, 2}, {3, 4}});
  x[0][1] = 5;
  std::cout << "x = " << x << "\n";
  std::cout << "x[1][1].item() = " << x[1][1].item<int64_t>() << "\n";
  ag::Tensor col = x.index({Slice(), 0}); // first column, a view
  col.fill_(0);
  std::cout << "after zeroing column 0: x = " << x << "\n";
  try {
    std::cout << x.item<int64_t>() << "\n";
  } catch (const ag::Error &e) {
    std::cout << "x.item(): error: " << e.what() << "\n";
  }
  return 0;
}
