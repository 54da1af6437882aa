#include <ag/ag.h>
#include <iostream>

void f() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = a;
  b.add_(1);
  std::cout << a;
  ag::Tensor v = a.view({3});
  a.zero_();
  std::cout << v;
}
