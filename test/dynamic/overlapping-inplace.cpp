// An elementwise in-place op whose operand overlaps the written tensor at
// other positions: the value read for a position may already have been
// overwritten for another one. ag reads a copy of such an operand (its result
// is defined); LibTorch reads it while writing, so the same code gives
// order-dependent numbers there. The partial overlaps both libraries refuse
// (two dense tensors) raise instead and are not reported.
// RUN: %agcxx %s -o %t %ag_checked
// RUN: %expect_exit 23 %t 2> %t.err
// RUN: %FileCheck %s < %t.err
// RUN: %FileCheck %s --check-prefix=COUNT < %t.err
#include <ag/ag.h>
#include <iostream>

void center_columns(ag::Tensor &a) {
  a -= a.slice(1, 0, 1); // the first column, broadcast over the row it is part of
  // CHECK: WARNING: aliasguard: overlapping-inplace: in-place op read an operand that overlaps the written tensor at other positions
  // CHECK-NEXT: WRITE by 'operator-=' at {{.*}}overlapping-inplace.cpp:[[@LINE-2]]:{{[0-9]+}} in center_columns
  // CHECK-NEXT: WRITTEN float32 [3, 4] strides [4, 1] offset 0
  // CHECK-NEXT: OPERAND float32 [3, 1] strides [4, 1] offset 0: 9 of 12 positions read an element written at another position (position [0, 1] reads the element written at position [0, 0])
  // CHECK-NEXT: SUMMARY: aliasguard: overlapping-inplace {{.*}}overlapping-inplace.cpp:[[@LINE-5]]:{{[0-9]+}} in center_columns
}

int main() {
  ag::Tensor a = ag::arange(12, ag::kFloat).view({3, 4});
  center_columns(a);

  // A shifted copy along the columns (neither side dense).
  ag::Tensor b = ag::arange(12, ag::kFloat).view({3, 4});
  b.slice(1, 1).copy_(b.slice(1, 0, 3));
  // CHECK: WARNING: aliasguard: overlapping-inplace
  // CHECK-NEXT: WRITE by 'copy_' at {{.*}}overlapping-inplace.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITTEN float32 [3, 3] strides [4, 1] offset 1
  // CHECK-NEXT: OPERAND float32 [3, 3] strides [4, 1] offset 0: 6 of 9 positions

  // The transpose of a block of the written tensor. (The whole tensor's
  // transpose, m.add_(m.t()), is dense: both libraries raise.)
  ag::Tensor m = ag::arange(9, ag::kFloat).view({3, 3});
  ag::Tensor block = m.slice(0, 0, 2).slice(1, 0, 2);
  block.add_(block.t());
  // CHECK: WARNING: aliasguard: overlapping-inplace
  // CHECK-NEXT: WRITE by 'add_' at {{.*}}overlapping-inplace.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITTEN float32 [2, 2] strides [3, 1] offset 0
  // CHECK-NEXT: OPERAND float32 [2, 2] strides [1, 3] offset 0: 2 of 4 positions read an element written at another position (position [0, 1] reads the element written at position [1, 0])

  // Silent: each element read where it is written (the same view taken
  // twice, a whole-dimension slice), disjoint columns, a cloned operand.
  ag::Tensor c = ag::arange(12, ag::kFloat).view({3, 4});
  c.slice(1, 0, 2).add_(c.slice(1, 0, 2));
  c.slice(1, 0, 2).copy_(c.slice(1, 2, 4));
  c.sub_(c.slice(1, 0, 1).clone());
  m.add_(m.t().contiguous());
  c.add_(c.slice(0));
  // A loop repeats its report once.
  for (int i = 0; i < 3; ++i) {
    ag::Tensor d = ag::ones({2, 3}).slice(1, 0, 2);
    d.mul_(d.t());
  }
  // CHECK: WARNING: aliasguard: overlapping-inplace
  // CHECK-NEXT: WRITE by 'mul_' at {{.*}}overlapping-inplace.cpp:[[@LINE-3]]:{{[0-9]+}} in main
  std::cout << a.sum().item<float>() + b.sum().item<float>() + c.sum().item<float>() << "\n";
  // CHECK-NOT: WARNING
  // CHECK: aliasguard: 4 distinct reports (4 overlapping-inplace)
}
// COUNT-COUNT-4: WARNING: aliasguard: overlapping-inplace
// COUNT-NOT: WARNING
