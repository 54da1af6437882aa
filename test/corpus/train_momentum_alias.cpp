// SGD with momentum: the velocity buffer is initialised from the first
// gradient by copying the handle, so scaling the velocity in place also
// scales the gradient that is added back right after.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor w = ag::tensor({0.5f, -0.25f, 1.0f});
  ag::Tensor grad = ag::tensor({0.1f, 0.2f, -0.3f});
  const float lr = 0.1f;
  const float mu = 0.9f;

  ag::Tensor velocity = grad; // first step: v = g
  for (int step = 0; step < 2; ++step) {
    velocity.mul_(mu);
    velocity.add_(grad);
    w.sub_(velocity * lr);
  }
  std::cout << "w = " << w << "\n";
  std::cout << "velocity = " << velocity << "\n";
  return 0;
}
// EXPECT: assign-instead-of-clone write=16 read=17
// KNOWN-LIMIT: dynamic assign-instead-of-clone write=17 read=17 -- loop-repeat: in the second iteration the first write grad had not seen is the first iteration's add_ through velocity; the runtime reports each distinct (write, read) pair, the checker one finding per alias
