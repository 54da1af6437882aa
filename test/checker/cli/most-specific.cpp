// A finding is reported once, by the most specific enabled check; a check
// enabled alone still reports what it covers.
// RUN: %check_aliasguard --tool=cli %s -- %ag_flags
// RUN: %aliasguard --checks='-*,aliasguard-assign-instead-of-clone' %s -- %ag_flags 2>&1 | %FileCheck %s --check-prefix=ALONE --implicit-check-not='warning:'
#include <ag/ag.h>
#include <iostream>

// Writing a by-value parameter through a copy: param-mutation, not also
// assign-instead-of-clone.
int update(ag::Tensor p) {
  ag::Tensor q = p;
  q.add_(1);
  return p.sum().item<int>();
}
// CHECK-MESSAGES: :[[@LINE-3]]:5: warning: in-place write through 'q' to parameter 'p' changes the caller's tensor: a tensor taken by value shares storage with the argument [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-6]]:23: note: 'p' declared here
// ALONE: most-specific.cpp:[[@LINE-6]]:14: warning: copying 'p' into 'q' shares its storage, not its data: the in-place write through 'q' also changes 'p'; use 'p.clone()' for an independent copy [aliasguard-assign-instead-of-clone]

// One copy, two stale reads: one warning at the copy, noting the first read.
void twice() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = a;
  b.add_(1);
  std::cout << a;
  std::cout << a;
}
// CHECK-MESSAGES: :[[@LINE-5]]:14: warning: copying 'a' into 'b'
// CHECK-MESSAGES: :[[@LINE-5]]:5: note: in-place write through 'b' here
// CHECK-MESSAGES: :[[@LINE-5]]:13: note: 'a' is read here and sees the changed data
// ALONE: most-specific.cpp:[[@LINE-8]]:14: warning: copying 'a' into 'b'
