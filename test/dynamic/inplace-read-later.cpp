// A handle stored in a container is a copy made by library code: a later
// in-place write to the original changes the stored "snapshot". The report
// names the user's line that stored it, not the line inside <vector>.
// RUN: %agcxx %s -o %t %ag_checked
// RUN: %expect_exit 23 %t 2> %t.err
// RUN: %FileCheck %s < %t.err
#include <ag/ag.h>
#include <iostream>
#include <vector>

int main() {
  ag::Tensor w = ag::zeros({3});
  std::vector<ag::Tensor> history;
  for (int step = 0; step < 3; ++step) {
    history.push_back(w);
    w.add_(1);
  }
  std::cout << history[0].sum().item<float>() << "\n";
  // CHECK: WARNING: aliasguard: inplace-read-later: read of data changed in place after a copy of the handle was stored
  // CHECK-NEXT: READ by 'sum' through handle #{{[0-9]+}} at {{.*}}inplace-read-later.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITE by 'add_' through handle #[[W:[0-9]+]] at {{.*}}inplace-read-later.cpp:[[@LINE-5]]:{{[0-9]+}} in main
  // CHECK-NEXT: ALIAS handle #{{[0-9]+}} made by 'copy' of handle #[[W]] at {{.*}}inplace-read-later.cpp:[[@LINE-7]]:{{[0-9]+}} in main
  // CHECK-NEXT: STORAGE float32 [3] as read

  // Storing clones is the fix: silent.
  ag::Tensor u = ag::zeros({3});
  std::vector<ag::Tensor> snapshots;
  snapshots.push_back(u.clone());
  u.add_(1);
  std::cout << snapshots[0].sum().item<float>() << "\n";
  // CHECK-NOT: WARNING
  // CHECK: aliasguard: 1 distinct report (1 inplace-read-later)
  return 0;
}
