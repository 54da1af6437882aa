// Two reports: assign-instead-of-clone (read on line 9), view-mutation (line 14).
#include <ag/ag.h>
#include <iostream>

int main() {
  ag::Tensor a = ag::ones({2});
  ag::Tensor b = a;
  b.add_(1);
  std::cout << "first " << a.sum().item<float>() << "\n";
  std::cout.flush();
  ag::Tensor x = ag::ones({2});
  ag::Tensor v = x.view({2});
  v.add_(1);
  std::cout << "second " << x.sum().item<float>() << "\n";
  return 0;
}
