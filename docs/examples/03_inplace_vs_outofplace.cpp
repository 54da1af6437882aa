// Tutorial: out-of-place ops (add, sub, +) return a new tensor; in-place ops
// (add_, sub_, +=) change the tensor and every alias of it. The "backup"
// a1 = a is an alias, so it changes too.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor a = ag::tensor({1., 2., 3.});
  ag::Tensor c = a.add(1); // new tensor
  std::cout << "a.add(1) = " << c << ", a = " << a << "\n";
  a.add_(1); // writes a
  std::cout << "after a.add_(1): a = " << a << "\n";

  ag::Tensor b = ag::tensor({1., 1., 1.});
  ag::Tensor a1 = a; // BUG (intended): a "backup" that is an alias
  a.sub_(b);
  std::cout << "after a.sub_(b): a = " << a << ", backup a1 = " << a1 << "\n";

  ag::Tensor a2 = a.clone(); // a real backup
  a.mul_(10);
  std::cout << "after a.mul_(10): a = " << a << ", clone a2 = " << a2 << "\n";
  return 0;
}
