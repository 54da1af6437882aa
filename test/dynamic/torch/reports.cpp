// The LibTorch checker on an unmodified LibTorch program, both ways: with
// LD_PRELOAD on a plainly linked program, and linked like
// aliasguard::torch_checked. Reports are the ag checked runtime's, line for
// line.
// REQUIRES: torch
// RUN: %torchcxx -c %s -o %t.o
// RUN: %torchlink %t.o -o %t.plain
// RUN: %torchlink_checked %t.o -o %t.linked
// RUN: %expect_exit 23 env %torch_preload %t.plain > %t.out 2> %t.err
// RUN: %FileCheck %s < %t.err
// RUN: %FileCheck %s --check-prefix=OUT < %t.out
// RUN: %expect_exit 23 %t.linked > %t.out 2> %t.err
// RUN: %FileCheck %s < %t.err
// RUN: %FileCheck %s --check-prefix=OUT < %t.out
// Without the checker the program runs as it always did.
// RUN: %expect_exit 0 %t.plain > %t.out 2> %t.err
// RUN: %FileCheck %s --check-prefix=OUT < %t.out
// RUN: %FileCheck %s --check-prefix=QUIET --allow-empty < %t.err
// QUIET-NOT: aliasguard
#include <torch/torch.h>

#include <iostream>

float total(const torch::Tensor &t) { return t.sum().item<float>(); }

int main() {
  // Write through a view, read the base.
  torch::Tensor x = torch::ones({2, 2});
  torch::Tensor flat = x.view({4});
  flat.add_(1);
  std::cout << x.sum().item<float>() << "\n";
  // CHECK: ==[[PID:[0-9]+]]==WARNING: aliasguard: view-mutation: read of data changed in place through a view of the same storage
  // CHECK-NEXT: {{^}}    READ by 'sum' through handle #[[X:[0-9]+]] at {{.*}}reports.cpp:[[@LINE-2]]:18 in main{{$}}
  // CHECK-NEXT: {{^}}    WRITE by 'add_' through handle #[[F:[0-9]+]] at {{.*}}reports.cpp:[[@LINE-4]]:8 in main{{$}}
  // CHECK-NEXT: {{^}}    ALIAS handle #[[F]] made by 'view' of handle #[[X]] at {{.*}}reports.cpp:[[@LINE-6]]:26 in main{{$}}
  // CHECK-NEXT: {{^}}    STORAGE float32 [2, 2] as read, version 1 (handle #[[X]] last saw version 0){{$}}
  // CHECK-NEXT: {{^}}SUMMARY: aliasguard: view-mutation {{.*}}reports.cpp:[[@LINE-6]]:18 in main{{$}}

  // Write the base, read a row: `std::cout << t` reads (at::print).
  torch::Tensor m = torch::zeros({3, 2});
  torch::Tensor row = m[1];
  m.fill_(4);
  std::cout << row << "\n";
  // CHECK-NEXT: ==[[PID]]==WARNING: aliasguard: view-mutation: read of data changed in place through a view of the same storage
  // CHECK-NEXT: {{^}}    READ by 'operator<<' through handle #[[R:[0-9]+]] at {{.*}}reports.cpp:[[@LINE-2]]:13 in main{{$}}
  // CHECK-NEXT: {{^}}    WRITE by 'fill_' through handle #[[M:[0-9]+]] at {{.*}}reports.cpp:[[@LINE-4]]:5 in main{{$}}
  // CHECK-NEXT: {{^}}    ALIAS handle #[[R]] made by 'select' of handle #[[M]] at {{.*}}reports.cpp:[[@LINE-6]]:23 in main{{$}}
  // CHECK-NEXT: {{^}}    STORAGE float32 [2] as read, version 1 (handle #[[R]] last saw version 0){{$}}
  // CHECK-NEXT: {{^}}SUMMARY: aliasguard: view-mutation {{.*}}reports.cpp:[[@LINE-6]]:13 in main{{$}}

  // Two views of one base (siblings): both creations are shown.
  torch::Tensor base = torch::zeros({4});
  torch::Tensor left = base.narrow(0, 0, 2);
  torch::Tensor all = base.view({2, 2});
  left.fill_(1);
  std::cout << total(all) << "\n";
  // CHECK-NEXT: ==[[PID]]==WARNING: aliasguard: view-mutation: read of data changed in place through a view of the same storage
  // CHECK-NEXT: {{^}}    READ by 'sum' through handle #[[ALL:[0-9]+]] at {{.*}}reports.cpp:24:48 in total{{$}}
  // CHECK-NEXT: {{^}}    WRITE by 'fill_' through handle #[[L:[0-9]+]] at {{.*}}reports.cpp:[[@LINE-4]]:8 in main{{$}}
  // CHECK-NEXT: {{^}}    ALIAS handle #[[L]] made by 'narrow' of handle #[[B:[0-9]+]] at {{.*}}reports.cpp:[[@LINE-7]]:29 in main{{$}}
  // CHECK-NEXT: {{^}}    ALIAS handle #[[ALL]] made by 'view' of handle #[[B]] at {{.*}}reports.cpp:[[@LINE-7]]:28 in main{{$}}
  // CHECK-NEXT: {{^}}    STORAGE float32 [2, 2] as read, version 1 (handle #[[ALL]] last saw version 0){{$}}
  // CHECK-NEXT: {{^}}SUMMARY: aliasguard: view-mutation {{.*}}reports.cpp:24:48 in total{{$}}

  // detach() shares the data.
  torch::Tensor w = torch::ones({3}, torch::requires_grad());
  torch::Tensor d = w.detach();
  d.zero_();
  std::cout << w.mean().item<float>() << "\n";
  // CHECK: ==[[PID]]==WARNING: aliasguard: view-mutation
  // CHECK-NEXT: {{^}}    READ by 'mean' through handle #[[W:[0-9]+]] at {{.*}}reports.cpp:[[@LINE-2]]:18 in main{{$}}
  // CHECK-NEXT: {{^}}    WRITE by 'zero_' through handle #[[D:[0-9]+]] at {{.*}}reports.cpp:[[@LINE-4]]:5 in main{{$}}
  // CHECK-NEXT: {{^}}    ALIAS handle #[[D]] made by 'detach' of handle #[[W]] at {{.*}}reports.cpp:[[@LINE-6]]:23 in main{{$}}

  // .data() (no dispatcher op) and a double tensor printed: to() is a no-op,
  // print reads through data_ptr.
  torch::Tensor p = torch::ones({3}, torch::kDouble);
  torch::Tensor pd = p.data();
  pd.mul_(2);
  std::cout << p << "\n";
  // CHECK: ==[[PID]]==WARNING: aliasguard: view-mutation
  // CHECK-NEXT: {{^}}    READ by 'operator<<' through handle #[[P:[0-9]+]] at {{.*}}reports.cpp:[[@LINE-2]]:13 in main{{$}}
  // CHECK-NEXT: {{^}}    WRITE by 'mul_' through handle #[[PD:[0-9]+]] at {{.*}}reports.cpp:[[@LINE-4]]:6 in main{{$}}
  // CHECK-NEXT: {{^}}    ALIAS handle #[[PD]] made by 'data' of handle #[[P]] at {{.*}}reports.cpp:[[@LINE-6]]:24 in main{{$}}
  // CHECK-NEXT: {{^}}    STORAGE float64 [3] as read, version 1 (handle #[[P]] last saw version 0){{$}}

  // A raw pointer taken from a stale handle: data_ptr<T>() reads.
  torch::Tensor q = torch::zeros({2, 3});
  torch::Tensor q0 = q.select(0, 0);
  q0.add_(5);
  float first = q.data_ptr<float>()[0];
  // CHECK: ==[[PID]]==WARNING: aliasguard: view-mutation
  // CHECK-NEXT: {{^}}    READ by 'data_ptr' through handle #[[Q:[0-9]+]] at {{.*}}reports.cpp:[[@LINE-2]]:19 in main{{$}}
  // CHECK-NEXT: {{^}}    WRITE by 'add_' through handle #[[Q0:[0-9]+]] at {{.*}}reports.cpp:[[@LINE-4]]:6 in main{{$}}
  // CHECK-NEXT: {{^}}    ALIAS handle #[[Q0]] made by 'select' of handle #[[Q]] at {{.*}}reports.cpp:[[@LINE-6]]:24 in main{{$}}

  // chunk() returns views; a loop repeats nothing; the same ops on another
  // line are another report (deduplicated by the whole stack, not by the
  // inline header frame every add_ shares).
  torch::Tensor c = torch::ones({4});
  std::vector<torch::Tensor> parts = c.chunk(2);
  for (int i = 0; i < 3; ++i) {
    parts[0].add_(1);
    std::cout << c.max().item<float>() + first << "\n";
  }
  // CHECK: ==[[PID]]==WARNING: aliasguard: view-mutation
  // CHECK-NEXT: {{^}}    READ by 'max' through handle #[[C:[0-9]+]] at {{.*}}reports.cpp:[[@LINE-3]]:20 in main{{$}}
  // CHECK-NEXT: {{^}}    WRITE by 'add_' through handle #[[C0:[0-9]+]] at {{.*}}reports.cpp:[[@LINE-5]]:14 in main{{$}}
  // CHECK-NEXT: {{^}}    ALIAS handle #[[C0]] made by 'chunk' of handle #[[C]] at {{.*}}reports.cpp:[[@LINE-8]]:40 in main{{$}}
  parts[0].add_(1);
  std::cout << c.max().item<float>() << "\n";
  // CHECK: ==[[PID]]==WARNING: aliasguard: view-mutation
  // CHECK-NEXT: {{^}}    READ by 'max' through handle #[[C]] at {{.*}}reports.cpp:[[@LINE-2]]:18 in main{{$}}
  // CHECK-NEXT: {{^}}    WRITE by 'add_' through handle #[[C0]] at {{.*}}reports.cpp:[[@LINE-4]]:12 in main{{$}}

  // Writes that no view reads in between (the checker records where they
  // happened without unwinding): the read names the first of them, however
  // many lines wrote since.
  torch::Tensor g = torch::zeros({4});
  torch::Tensor gv = g.view({2, 2});
  for (int i = 0; i < 3; ++i)
    g.add_(1);
  g.add_(1);
  std::cout << gv.sum().item<float>() << "\n";
  // CHECK: ==[[PID]]==WARNING: aliasguard: view-mutation
  // CHECK-NEXT: {{^}}    READ by 'sum' through handle #[[DV:[0-9]+]] at {{.*}}reports.cpp:[[@LINE-2]]:19 in main{{$}}
  // CHECK-NEXT: {{^}}    WRITE by 'add_' through handle #[[D:[0-9]+]] at {{.*}}reports.cpp:[[@LINE-5]]:7 in main{{$}}
  // CHECK-NEXT: {{^}}    ALIAS handle #[[DV]] made by 'view' of handle #[[D]] at {{.*}}reports.cpp:[[@LINE-8]]:24 in main{{$}}
  // CHECK-NEXT: {{^}}    STORAGE float32 [2, 2] as read, version 4 (handle #[[DV]] last saw version 0){{$}}
  // Read again after a write from another line: that line.
  g.add_(1);
  std::cout << gv.sum().item<float>() << "\n";
  // CHECK: ==[[PID]]==WARNING: aliasguard: view-mutation
  // CHECK-NEXT: {{^}}    READ by 'sum' through handle #[[DV]] at {{.*}}reports.cpp:[[@LINE-2]]:19 in main{{$}}
  // CHECK-NEXT: {{^}}    WRITE by 'add_' through handle #[[D]] at {{.*}}reports.cpp:[[@LINE-4]]:5 in main{{$}}
  // CHECK-NEXT: {{^}}    ALIAS handle #[[DV]] made by 'view' of handle #[[D]] at {{.*}}reports.cpp:[[@LINE-16]]:24 in main{{$}}
  // CHECK-NEXT: {{^}}    STORAGE float32 [2, 2] as read, version 5 (handle #[[DV]] last saw version 4){{$}}
  // CHECK-NOT: WARNING
  // CHECK: ==[[PID]]==aliasguard: 10 distinct reports (10 view-mutation)
  std::cout << "end\n";
  return 0;
}
// OUT: end
