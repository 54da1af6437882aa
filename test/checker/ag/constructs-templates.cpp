// RUN: %check_aliasguard --tool=cli %s -- %ag_flags
// Templates are analysed in their instantiations (the pattern has no types
// to go on); called twice, the instantiation is still reported once.
#include <ag/ag.h>
#include <iostream>

// BUG: in the instantiation with a tensor type.
template <typename T> float shifted_sum(T a) {
  T b = a;
  b.add_(1);
  return a.sum().template item<float>();
// CHECK-MESSAGES: :[[@LINE-3]]:5: warning: copying 'a' into 'b' shares its storage, not its data: the in-place write through 'b' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'b' here
// CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'a' is read here and sees the changed data
}

// Near miss: the same template over a clone.
template <typename T> float cloned_sum(T a) {
  T b = a.clone();
  b.add_(1);
  return a.sum().template item<float>();
}

// Near miss: instantiated with a number, where a copy is a copy.
template <typename T> T number_copy(T a) {
  T b = a;
  b += 1;
  return a;
}

int main() {
  std::cout << shifted_sum(ag::ones({3})) << shifted_sum(ag::zeros({2})) << cloned_sum(ag::ones({3}))
            << number_copy(2.0f);
}
