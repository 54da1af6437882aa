// The CLI (and the language server, which shares the analysis library)
// honours clang-tidy's NOLINT comments, as the clang-tidy plugin does.
// RUN: %check_aliasguard --tool=cli %s -- %ag_flags
#include <ag/ag.h>
#include <iostream>

void same_line() {
  ag::Tensor a = ag::ones({2});
  ag::Tensor b = a; // NOLINT(aliasguard-assign-instead-of-clone)
  b.add_(1);
  std::cout << a;
}

void all_checks() {
  ag::Tensor a = ag::ones({2});
  ag::Tensor b = a; // NOLINT
  b.add_(1);
  std::cout << a;
}

void glob_and_next_line() {
  ag::Tensor x = ag::ones({4});
  ag::Tensor v = x.view({2, 2});
  // NOLINTNEXTLINE(bugprone-*, aliasguard-*)
  v.add_(1);
  std::cout << x;
}

// NOLINTBEGIN(aliasguard-view-mutation)
void in_block() {
  ag::Tensor x = ag::ones({4});
  ag::Tensor v = x.view({2, 2});
  v.add_(1);
  std::cout << x;
}
// NOLINTEND(aliasguard-view-mutation)

// Another check's NOLINT, a NOLINTNEXTLINE two lines up, and a closed block
// do not hide the finding.
void not_suppressed() {
  ag::Tensor x = ag::ones({4});
  ag::Tensor v = x.view({2, 2});
  v.add_(1); // NOLINT(aliasguard-assign-instead-of-clone)
  std::cout << x;
}
// CHECK-MESSAGES: :[[@LINE-3]]:5: warning: in-place write through 'v' also changes 'x', which is read later: 'v' is a view of 'x' ('view') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:20: note: 'view' creates a view of 'x' here
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'x' is read here and sees the changed data

void next_line_too_far() {
  ag::Tensor a = ag::ones({2});
  // NOLINTNEXTLINE(aliasguard-assign-instead-of-clone)

  ag::Tensor b = a;
  b.add_(1);
  std::cout << a;
}
// CHECK-MESSAGES: :[[@LINE-4]]:14: warning: copying 'a' into 'b' shares its storage, not its data: the in-place write through 'b' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-4]]:5: note: in-place write through 'b' here
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'a' is read here and sees the changed data
