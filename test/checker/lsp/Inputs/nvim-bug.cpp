#include <ag/ag.h>
#include <iostream>

int main() {
  ag::Tensor a = ag::ones({3});
  /* 😀 é */ ag::Tensor b = a;
  b.add_(1);
  std::cout << a;
}
