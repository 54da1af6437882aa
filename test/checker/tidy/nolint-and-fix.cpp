// RUN: %check_aliasguard --tool=tidy --checks='aliasguard-*' %s -- %ag_flags
// The plugin in a real clang-tidy-19 run: messages, notes, NOLINT and --fix.
#include <ag/ag.h>
#include <iostream>

void fix_clone() {
  ag::Tensor a = ag::tensor({1, 2, 3});
  ag::Tensor b = a;
  b[0] = 99;
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying 'a' into 'b' shares its storage, not its data: the in-place write through 'b' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: in-place write through 'b' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and sees the changed data
// CHECK-FIXES: ag::Tensor b = a.clone();
}

void fix_out_of_place() {
  ag::Tensor x = ag::ones({3});
  auto y = x.mul_(2);
  std::cout << y << x;
// CHECK-MESSAGES: :[[@LINE-2]]:14: warning: 'mul_' modifies 'x' in place and returns it; its result is bound to the new name 'y', but 'x' is read later as if unchanged; use 'mul' for a new tensor [aliasguard-inplace-read-later]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: 'y' is the same tensor as 'x', not a new one
// CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'x' is read here, after 'mul_' changed it
// CHECK-FIXES: auto y = x.mul(2);
}

void fix_assignment() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b;
  b = a;
  b.add_(1);
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-3]]:3: warning: copying 'a' into 'b' shares its storage, not its data: the in-place write through 'b' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'b' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and sees the changed data
// CHECK-FIXES: b = a.clone();
}

void no_fix_for_views() {
  ag::Tensor a = ag::ones({4});
  ag::Tensor v = a.view({2, 2});
  a.zero_();
  std::cout << v;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'a' also changes 'v', which is read later: 'v' is a view of 'a' ('view') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:20: note: 'view' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'v' is read here and sees the changed data
// CHECK-FIXES: ag::Tensor v = a.view({2, 2});
}

// --- Suppressed ---

void nolint_same_line() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = a; // NOLINT(aliasguard-assign-instead-of-clone)
  b.add_(1);
  std::cout << a;
// CHECK-FIXES: ag::Tensor b = a; // NOLINT(aliasguard-assign-instead-of-clone)
}

void nolint_next_line() {
  ag::Tensor a = ag::ones({4});
  ag::Tensor v = a.view({2, 2});
  // NOLINTNEXTLINE(aliasguard-view-mutation)
  v.fill_(1);
  std::cout << a;
}

// NOLINTBEGIN(aliasguard-*)
void nolint_block(const ag::Tensor &p) {
  p.add_(1);
}
// NOLINTEND(aliasguard-*)

void nolint_other_check_does_not_hide() {
  ag::Tensor x = ag::ones({3});
  auto y = x.add_(1); // NOLINT(aliasguard-view-mutation)
  std::cout << y << x;
// CHECK-MESSAGES: :[[@LINE-2]]:14: warning: 'add_' modifies 'x' in place and returns it; its result is bound to the new name 'y', but 'x' is read later as if unchanged; use 'add' for a new tensor [aliasguard-inplace-read-later]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: 'y' is the same tensor as 'x', not a new one
// CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'x' is read here, after 'add_' changed it
// CHECK-FIXES: auto y = x.add(1); // NOLINT(aliasguard-view-mutation)
}
