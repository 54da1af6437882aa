#include "scale.h"

#include <ag/ag.h>
#include <iostream>

int main() {
  ag::Tensor a = ag::ones({4});
  ag::Tensor b = a; // the bug: shares a's storage
  b.mul_(project_scale);
  std::cout << a << "\n";
  return 0;
}
