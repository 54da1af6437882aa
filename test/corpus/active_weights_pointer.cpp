// Switching between two weight sets through a pointer: the snapshot taken
// through the pointer is a handle copy, so the in-place update made through
// the pointer changes the snapshot used to measure the update size.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor online = ag::tensor({1.0f, 1.0f});
  ag::Tensor target = ag::tensor({0.0f, 0.0f});
  bool train_target = false;
  ag::Tensor *active = train_target ? &target : &online;

  ag::Tensor before = *active;
  active->add_(ag::tensor({0.5f, -0.25f}));
  float update_size = (*active - before).abs().sum().item<float>();
  std::cout << "update size " << update_size << "\n";
  std::cout << "online " << online << " target " << target << "\n";
  return 0;
}
// EXPECT: assign-instead-of-clone write=15 read=16
// KNOWN-LIMIT: dynamic assign-instead-of-clone write=15 read=16 -- pointer-to-tensor: the written handle is reached through a pointer chosen by a condition (`c ? &target : &online`); the checker follows only a never-changed pointer initialised with the address of one named tensor (docs/design.md, known limits)
