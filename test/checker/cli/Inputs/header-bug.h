#pragma once
#include <ag/ag.h>
#include <iostream>

inline void header_bug() {
  ag::Tensor a = ag::ones({2});
  ag::Tensor b = a;
  b.add_(1);
  std::cout << a;
}
