#include <ag/ag.h>
#include <iostream>

void f(bool c) {
  ag::Tensor a = ag::ones({4});
  ag::Tensor b = a;
  b.add_(1);
  std::cout << a;
  ag::Tensor v = a.view({2, 2});
  a.zero_();
  std::cout << v;
}
