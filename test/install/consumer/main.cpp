#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor a = ag::tensor({1., 2., 3.});
  ag::Tensor b = a;
  b.add_(1);
  std::cout << "consumer: " << a << " shares=" << a.is_alias_of(b) << "\n";
  return 0;
}
