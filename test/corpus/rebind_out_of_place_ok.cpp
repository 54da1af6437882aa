// Copies of a handle that are rebound by out-of-place math before any
// in-place write: rebinding ends the alias.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor features = ag::tensor({1.0f, 4.0f, 9.0f});
  ag::Tensor scaled = features;
  scaled = scaled * 2.0f;
  scaled.add_(1.0f);

  ag::Tensor rooted = features;
  rooted = rooted.sqrt();
  rooted.clamp_(0.0f, 2.5f);

  std::cout << "features " << features << "\n";
  std::cout << "scaled " << scaled << "\n";
  std::cout << "rooted " << rooted << "\n";
  return 0;
}
// EXPECT: none
