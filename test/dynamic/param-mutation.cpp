// A by-value parameter is a copy of the caller's handle: a callee that
// writes it changes the caller's tensor.
// RUN: %agcxx %s -o %t %ag_checked
// RUN: %expect_exit 23 %t 2> %t.err
// RUN: %FileCheck %s < %t.err
#include <ag/ag.h>
#include <iostream>

void normalize(ag::Tensor t) {
  t.div_(t.sum().item<float>());
}

// A view of the parameter written in the callee: still the caller's data.
void zero_first_row(ag::Tensor m) {
  ag::Tensor row = m[0];
  row.zero_();
}

// Writes into a clone: silent.
ag::Tensor normalized(ag::Tensor t) {
  ag::Tensor c = t.clone();
  c.div_(c.sum().item<float>());
  return c;
}

int main() {
  ag::Tensor w = ag::tensor({1.0f, 3.0f});
  normalize(w);
  std::cout << w << "\n";
  // CHECK: WARNING: aliasguard: param-mutation: read of data changed in place by a callee through a by-value parameter
  // CHECK-NEXT: READ by 'operator<<' through handle #[[W:[0-9]+]] at {{.*}}param-mutation.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITE by 'div_' through handle #[[P:[0-9]+]] at {{.*}}param-mutation.cpp:10:{{[0-9]+}} in normalize
  // CHECK-NEXT: ALIAS handle #[[P]] made by 'copy' of handle #[[W]] at {{.*}}param-mutation.cpp:[[@LINE-5]]:{{[0-9]+}} in main
  // CHECK-NEXT: STORAGE float32 [2] as read
  // CHECK-NEXT: SUMMARY: aliasguard: param-mutation {{.*}}param-mutation.cpp:[[@LINE-6]]:{{[0-9]+}} in main

  ag::Tensor m = ag::ones({2, 2});
  zero_first_row(m);
  std::cout << m.sum().item<float>() << "\n";
  // CHECK: WARNING: aliasguard: param-mutation
  // CHECK-NEXT: READ by 'sum' through handle #[[M:[0-9]+]] at {{.*}}param-mutation.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITE by 'zero_' through handle #[[Q:[0-9]+]] at {{.*}}param-mutation.cpp:16:{{[0-9]+}} in zero_first_row
  // CHECK-NEXT: ALIAS handle #[[Q]] made by 'copy' of handle #[[M]] at {{.*}}param-mutation.cpp:[[@LINE-5]]:{{[0-9]+}} in main

  ag::Tensor v = ag::tensor({2.0f, 2.0f});
  ag::Tensor n = normalized(v);
  std::cout << v << n << "\n";
  // CHECK-NOT: WARNING
  // CHECK: aliasguard: 2 distinct reports (2 param-mutation)
  return 0;
}
