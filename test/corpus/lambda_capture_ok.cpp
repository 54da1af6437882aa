// A preprocessing closure that captures a clone of the scale (frozen at
// creation) and one that captures it by reference (meant to follow updates).
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor scale = ag::tensor({0.5f, 2.0f});
  auto frozen = [s = scale.clone()](const ag::Tensor &x) { return x * s; };
  auto live = [&scale](const ag::Tensor &x) { return x * scale; };

  ag::Tensor batch = ag::ones({2, 2});
  std::cout << "before: frozen " << frozen(batch) << " live " << live(batch) << "\n";
  scale.mul_(0.1f);
  std::cout << "after: frozen " << frozen(batch) << " live " << live(batch) << "\n";
  ag::Tensor drift = live(batch) - frozen(batch);
  std::cout << "drift " << drift.abs().sum().item<float>() << "\n";
  return 0;
}
// EXPECT: none
