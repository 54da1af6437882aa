// Tutorial: view() reshapes without copying; one dimension may be -1 and is
// inferred. The view shares storage with the original.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::manual_seed(0);
  ag::Tensor x = ag::randn({4, 4});
  ag::Tensor y = x.view(16);
  ag::Tensor z = x.view({-1, 8}); // the size -1 is inferred from other dimensions
  std::cout << x.sizes() << " " << y.sizes() << " " << z.sizes() << "\n";

  ag::Tensor a = ag::arange(6);
  ag::Tensor v = a.view({2, 3});
  v[0][0] = 100; // writes a too
  std::cout << "a = " << a << "\n";
  std::cout << "v = " << v << "\n";
  try {
    (void)a.view({4, -1});
  } catch (const ag::Error &e) {
    std::cout << "a.view({4, -1}): error: " << e.what() << "\n";
  }
  return 0;
}
