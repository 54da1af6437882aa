// The LibTorch checker's overlapping-inplace reports: an elementwise in-place
// op whose operand overlaps the written tensor at other positions, in the
// layouts LibTorch's own check calls "too hard" and lets through (its result
// then depends on the iteration order). The partial overlaps LibTorch
// refuses itself (two dense tensors) raise and are not reported.
// REQUIRES: torch
// RUN: %torchcxx -c %s -o %t.o
// RUN: %torchlink %t.o -o %t.plain
// RUN: %expect_exit 23 env %torch_preload %t.plain > %t.out 2> %t.err
// RUN: %FileCheck %s < %t.err
// RUN: %FileCheck %s --check-prefix=COUNT < %t.err
// Without the checker the program runs as it always did.
// RUN: %expect_exit 0 %t.plain > %t.out 2> %t.err
// RUN: %FileCheck %s --check-prefix=QUIET --allow-empty < %t.err
// QUIET-NOT: aliasguard
#include <torch/torch.h>

#include <iostream>

void center_columns(torch::Tensor &a) {
  a -= a.slice(1, 0, 1); // the first column, broadcast over the row it is part of
  // CHECK: WARNING: aliasguard: overlapping-inplace: in-place op read an operand that overlaps the written tensor at other positions
  // CHECK-NEXT: WRITE by 'sub_' at {{.*}}overlapping-inplace.cpp:[[@LINE-2]]:{{[0-9]+}} in center_columns
  // CHECK-NEXT: WRITTEN float32 [3, 4] strides [4, 1] offset 0
  // CHECK-NEXT: OPERAND float32 [3, 1] strides [4, 1] offset 0: 9 of 12 positions read an element written at another position (position [0, 1] reads the element written at position [0, 0])
  // CHECK-NEXT: SUMMARY: aliasguard: overlapping-inplace {{.*}}overlapping-inplace.cpp:[[@LINE-5]]:{{[0-9]+}} in center_columns
}

int main() {
  torch::Tensor a = torch::arange(12, torch::kFloat).view({3, 4});
  center_columns(a);

  // A shifted copy along the columns (neither side dense).
  torch::Tensor b = torch::arange(12, torch::kFloat).view({3, 4});
  b.slice(1, 1).copy_(b.slice(1, 0, 3));
  // CHECK: WARNING: aliasguard: overlapping-inplace
  // CHECK-NEXT: WRITE by 'copy_' at {{.*}}overlapping-inplace.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITTEN float32 [3, 3] strides [4, 1] offset 1
  // CHECK-NEXT: OPERAND float32 [3, 3] strides [4, 1] offset 0: 6 of 9 positions

  // The transpose of a block of the written tensor.
  torch::Tensor m = torch::arange(9, torch::kFloat).view({3, 3});
  torch::Tensor block = m.slice(0, 0, 2).slice(1, 0, 2);
  block.add_(block.t());
  // CHECK: WARNING: aliasguard: overlapping-inplace
  // CHECK-NEXT: WRITE by 'add_' at {{.*}}overlapping-inplace.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITTEN float32 [2, 2] strides [3, 1] offset 0
  // CHECK-NEXT: OPERAND float32 [2, 2] strides [1, 3] offset 0: 2 of 4 positions

  // Silent: the same view taken twice, disjoint columns, a cloned operand,
  // a contiguous copy of the transpose, a whole-dimension slice, and an
  // operand read whole (a matrix product into a fresh tensor).
  torch::Tensor c = torch::arange(12, torch::kFloat).view({3, 4});
  c.slice(1, 0, 2).add_(c.slice(1, 0, 2));
  c.slice(1, 0, 2).copy_(c.slice(1, 2, 4));
  c.sub_(c.slice(1, 0, 1).clone());
  m.add_(m.t().contiguous());
  c.add_(c.slice(0));
  torch::Tensor p = torch::mm(c.slice(1, 0, 3), m);

  // LibTorch refuses a partial overlap of two dense tensors itself.
  torch::Tensor d = torch::arange(6, torch::kFloat);
  try {
    d.slice(0, 1).copy_(d.slice(0, 0, 5));
  } catch (const c10::Error &) {
    std::cout << "refused\n";
  }
  std::cout << a.sum().item<float>() + b.sum().item<float>() + c.sum().item<float>() +
                   p.sum().item<float>()
            << "\n";
  // CHECK-NOT: WARNING
  // CHECK: aliasguard: 3 distinct reports (3 overlapping-inplace)
}
// COUNT-COUNT-3: WARNING: aliasguard: overlapping-inplace
// COUNT-NOT: WARNING
