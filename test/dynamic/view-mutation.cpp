// A view (view, slicing, operator[], numpy(), from_numpy()) shares its base's
// storage: a write through one, then a read through the other, in either
// direction.
// RUN: %agcxx %s -o %t %ag_checked
// RUN: %expect_exit 23 %t 2> %t.err
// RUN: %FileCheck %s < %t.err
// With report_views=0 the same program is silent.
// RUN: env AG_ALIAS_OPTIONS=report_views=0 %expect_exit 0 %t 2> %t.noviews
// RUN: %FileCheck %s --check-prefix=NOVIEWS --allow-empty < %t.noviews
// NOVIEWS-NOT: aliasguard
#include <ag/ag.h>
#include <iostream>

int main() {
  // Write through the view, read the base.
  ag::Tensor x = ag::ones({2, 2});
  ag::Tensor flat = x.view({4});
  flat.add_(1);
  std::cout << x.sum().item<float>() << "\n";
  // CHECK: WARNING: aliasguard: view-mutation: read of data changed in place through a view of the same storage
  // CHECK-NEXT: READ by 'sum' through handle #[[X:[0-9]+]] at {{.*}}view-mutation.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITE by 'add_' through handle #[[F:[0-9]+]] at {{.*}}view-mutation.cpp:[[@LINE-4]]:{{[0-9]+}} in main
  // CHECK-NEXT: ALIAS handle #[[F]] made by 'view' of handle #[[X]] at {{.*}}view-mutation.cpp:[[@LINE-6]]:{{[0-9]+}} in main
  // CHECK-NEXT: STORAGE float32 [2, 2] as read
  // CHECK-NEXT: SUMMARY: aliasguard: view-mutation {{.*}}view-mutation.cpp:[[@LINE-6]]:{{[0-9]+}} in main

  // Write the base, read a named row (operator[]: an operator's site).
  ag::Tensor m = ag::zeros({3, 2});
  ag::Tensor row = m[1];
  m.fill_(4);
  std::cout << row << "\n";
  // CHECK: WARNING: aliasguard: view-mutation
  // CHECK-NEXT: READ by 'operator<<' through handle #[[R:[0-9]+]] at {{.*}}view-mutation.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITE by 'fill_' through handle #[[M:[0-9]+]] at {{.*}}view-mutation.cpp:[[@LINE-4]]:{{[0-9]+}} in main
  // CHECK-NEXT: ALIAS handle #[[R]] made by 'operator[]' of handle #[[M]] at {{.*}}view-mutation.cpp:[[@LINE-6]]:{{[0-9]+}} in main

  // The NumPy bridge, both ways (the PyTorch tutorial's examples).
  ag::Tensor a = ag::ones({5});
  ag::NdArray n = a.numpy();
  a[0] = 2;
  std::cout << n << "\n";
  // CHECK: WARNING: aliasguard: view-mutation
  // CHECK-NEXT: READ by 'operator<<' through handle #[[N:[0-9]+]] at {{.*}}view-mutation.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITE by 'operator=' through handle #[[A:[0-9]+]] at {{.*}}view-mutation.cpp:[[@LINE-4]]:{{[0-9]+}} in main
  // CHECK-NEXT: ALIAS handle #[[N]] made by 'numpy' of handle #[[A]] at {{.*}}view-mutation.cpp:[[@LINE-6]]:{{[0-9]+}} in main
  ag::NdArray arr = ag::np::ones({3});
  ag::Tensor t = ag::from_numpy(arr);
  arr += 1;
  std::cout << t.mean().item<double>() << "\n";
  // CHECK: WARNING: aliasguard: view-mutation
  // CHECK-NEXT: READ by 'mean' through handle #[[T:[0-9]+]] at {{.*}}view-mutation.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITE by 'operator+=' through handle #[[ARR:[0-9]+]] at {{.*}}view-mutation.cpp:[[@LINE-4]]:{{[0-9]+}} in main
  // CHECK-NEXT: ALIAS handle #[[T]] made by 'from_numpy' of handle #[[ARR]] at {{.*}}view-mutation.cpp:[[@LINE-6]]:{{[0-9]+}} in main

  // Two views of one base (siblings): both creations are shown.
  ag::Tensor base = ag::zeros({4});
  ag::Tensor left = base.narrow(0, 0, 2);
  ag::Tensor all = base.view({2, 2});
  left.fill_(1);
  std::cout << all.sum().item<float>() << "\n";
  // CHECK: WARNING: aliasguard: view-mutation
  // CHECK-NEXT: READ by 'sum' through handle #[[ALL:[0-9]+]] at {{.*}}view-mutation.cpp:[[@LINE-2]]
  // CHECK-NEXT: WRITE by 'fill_' through handle #[[L:[0-9]+]] at {{.*}}view-mutation.cpp:[[@LINE-4]]
  // CHECK-NEXT: ALIAS handle #[[L]] made by 'narrow' of handle #[[B:[0-9]+]] at {{.*}}view-mutation.cpp:[[@LINE-7]]
  // CHECK-NEXT: ALIAS handle #[[ALL]] made by 'view' of handle #[[B]] at {{.*}}view-mutation.cpp:[[@LINE-7]]

  // reshape of a contiguous tensor is a view too; a copying reshape is not.
  ag::Tensor c = ag::ones({2, 3});
  ag::Tensor copied = c.t().reshape({6});
  c.mul_(3);
  std::cout << copied.sum().item<float>() << "\n";
  // CHECK-NOT: WARNING
  // CHECK: ==[[PID:[0-9]+]]==aliasguard: 5 distinct reports (5 view-mutation)
  return 0;
}
