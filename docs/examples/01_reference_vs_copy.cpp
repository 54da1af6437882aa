// Tutorial: "b = a" does not copy a tensor, it makes a second handle to the
// same storage. Writing through b changes a.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor a = ag::tensor({1, 2, 3});
  ag::Tensor b = a; // BUG (intended): b aliases a
  b[0] = 99;
  std::cout << "a = " << a << "\n"; // tensor([99,  2,  3])
  std::cout << "b = " << b << "\n";
  std::cout << "b.is_alias_of(a): " << std::boolalpha << b.is_alias_of(a) << "\n";
  return 0;
}
