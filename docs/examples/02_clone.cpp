// Tutorial: clone() is the copy you wanted. Writing to the clone leaves the
// original alone.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor a = ag::tensor({1, 2, 3});
  ag::Tensor b = a.clone();
  b[0] = 99;
  std::cout << "a = " << a << "\n"; // unchanged
  std::cout << "b = " << b << "\n";
  std::cout << "b.is_alias_of(a): " << std::boolalpha << b.is_alias_of(a) << "\n";
  return 0;
}
