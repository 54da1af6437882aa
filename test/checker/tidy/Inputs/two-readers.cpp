#include <ag/ag.h>
#include <iostream>

// One write, two stale readers: a copy (assign-instead-of-clone, the more
// specific check) and a view (view-mutation).
void f() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = a;
  ag::Tensor v = a.view({3});
  a.add_(1);
  std::cout << b << v;
}
