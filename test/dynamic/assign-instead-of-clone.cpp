// A copy of a handle shares the data: a write through one copy, then a read
// through the other, is reported with the read, the write and the copy.
// RUN: %agcxx %s -o %t %ag_checked
// RUN: %expect_exit 23 %t > %t.out 2> %t.err
// RUN: %FileCheck %s < %t.err
// RUN: %FileCheck %s --check-prefix=OUT < %t.out
#include <ag/ag.h>
#include <iostream>

int main() {
  ag::Tensor a = ag::tensor({1.0f, 2.0f, 3.0f});
  ag::Tensor b = a;
  b.add_(1);
  std::cout << a.sum().item<float>() << "\n";
  // CHECK: ==[[PID:[0-9]+]]==WARNING: aliasguard: assign-instead-of-clone: read of data changed in place through a copy of the handle
  // CHECK-NEXT: READ by 'sum' through handle #[[A:[0-9]+]] at {{.*}}assign-instead-of-clone.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITE by 'add_' through handle #[[B:[0-9]+]] at {{.*}}assign-instead-of-clone.cpp:[[@LINE-4]]:{{[0-9]+}} in main
  // CHECK-NEXT: ALIAS handle #[[B]] made by 'copy' of handle #[[A]] at {{.*}}assign-instead-of-clone.cpp:[[@LINE-6]]:{{[0-9]+}} in main
  // CHECK-NEXT: STORAGE float32 [3] as read, version 1 (handle #[[A]] last saw version 0)
  // CHECK-NEXT: SUMMARY: aliasguard: assign-instead-of-clone {{.*}}assign-instead-of-clone.cpp:[[@LINE-6]]:{{[0-9]+}} in main
  // OUT: 9

  // Copy assignment (an operator: its site comes from the return address).
  ag::Tensor c = ag::ones({2});
  ag::Tensor d;
  d = c;
  c.mul_(5);
  std::cout << d << "\n";
  // CHECK: WARNING: aliasguard: assign-instead-of-clone
  // CHECK-NEXT: READ by 'operator<<' through handle #[[D:[0-9]+]] at {{.*}}assign-instead-of-clone.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITE by 'mul_' through handle #[[C:[0-9]+]] at {{.*}}assign-instead-of-clone.cpp:[[@LINE-4]]:{{[0-9]+}} in main
  // CHECK-NEXT: ALIAS handle #[[D]] made by 'operator=' of handle #[[C]] at {{.*}}assign-instead-of-clone.cpp:[[@LINE-6]]:{{[0-9]+}} in main

  // The tutorial's "backup" of an array: NdArray copies share too.
  ag::NdArray x = ag::np::zeros({2});
  ag::NdArray backup = x;
  x += 1;
  std::cout << backup << "\n";
  // CHECK: WARNING: aliasguard: assign-instead-of-clone
  // CHECK-NEXT: READ by 'operator<<' through handle #{{[0-9]+}} at {{.*}}assign-instead-of-clone.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITE by 'operator+=' through handle #{{[0-9]+}} at {{.*}}assign-instead-of-clone.cpp:[[@LINE-4]]:{{[0-9]+}} in main
  // CHECK-NEXT: ALIAS handle #{{[0-9]+}} made by 'copy' of handle #{{[0-9]+}} at {{.*}}assign-instead-of-clone.cpp:[[@LINE-6]]:{{[0-9]+}} in main

  // The same three sites again (a loop): reported once.
  for (int i = 0; i < 3; ++i) {
    ag::Tensor acc = ag::zeros({1});
    ag::Tensor alias = acc;
    alias.add_(1);
    std::cout << acc.item<float>() << "\n";
  }
  // CHECK: WARNING: aliasguard: assign-instead-of-clone
  // CHECK-NEXT: READ by 'item' through handle #{{[0-9]+}} at {{.*}}assign-instead-of-clone.cpp:[[@LINE-3]]
  // CHECK-NOT: WARNING
  // CHECK: ==[[PID]]==aliasguard: 4 distinct reports (4 assign-instead-of-clone)
  return 0;
}
