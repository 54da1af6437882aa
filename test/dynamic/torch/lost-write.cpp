// The LibTorch checker's lost-write reports: reshape, flatten and contiguous
// return a view when the layout allows and a copy otherwise; an in-place
// write into such a copy does not reach the source, and a later read of the
// source (expecting the write) is reported. Views (the layout allowed one)
// are view-mutation's business; `to` copies only to change dtype or device.
// REQUIRES: torch
// RUN: %torchcxx -c %s -o %t.o
// RUN: %torchlink %t.o -o %t.plain
// RUN: %expect_exit 23 env %torch_preload %t.plain > %t.out 2> %t.err
// RUN: %FileCheck %s < %t.err
// RUN: %FileCheck %s --check-prefix=COUNT < %t.err
#include <torch/torch.h>

#include <iostream>

// Meant to clamp the caller's tensor; a non-contiguous one is copied by
// flatten and stays as it was.
void clamp_all(const torch::Tensor &t) {
  torch::Tensor flat = t.flatten();
  flat.clamp_(0, 4);
}

int main() {
  torch::Tensor x = torch::arange(6, torch::kFloat).view({2, 3}).t(); // not contiguous
  torch::Tensor y = x.contiguous();
  y.mul_(2);
  std::cout << x.sum().item<float>() << "\n";
  // CHECK: WARNING: aliasguard: lost-write: read of a tensor whose in-place write went into a copy that a may-view op made (a view was not possible)
  // CHECK-NEXT: READ by 'sum' through handle #[[X:[0-9]+]] at {{.*}}lost-write.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITE by 'mul_' through handle #[[Y:[0-9]+]] at {{.*}}lost-write.cpp:[[@LINE-4]]:{{[0-9]+}} in main
  // CHECK-NEXT: ALIAS handle #[[Y]] made by 'contiguous' of handle #[[X]] at {{.*}}lost-write.cpp:[[@LINE-6]]:{{[0-9]+}} in main
  // CHECK-NEXT: STORAGE float32 [3, 2] as read
  // CHECK-NEXT: SUMMARY: aliasguard: lost-write {{.*}}lost-write.cpp:[[@LINE-6]]:{{[0-9]+}} in main

  // A temporary copy written and dropped at once.
  torch::Tensor z = torch::ones({4, 4}).slice(1, 0, 2);
  z.reshape({-1}).zero_();
  std::cout << z.sum().item<float>() << "\n";
  // CHECK: WARNING: aliasguard: lost-write
  // CHECK-NEXT: READ by 'sum' through handle #{{[0-9]+}} at {{.*}}lost-write.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITE by 'zero_' through handle #{{[0-9]+}} at {{.*}}lost-write.cpp:[[@LINE-4]]:{{[0-9]+}} in main
  // CHECK-NEXT: ALIAS handle #{{[0-9]+}} made by 'reshape' of handle #{{[0-9]+}} at {{.*}}lost-write.cpp:[[@LINE-5]]:{{[0-9]+}} in main

  // Through a helper.
  torch::Tensor w = torch::arange(-4, 8, torch::kFloat).view({3, 4}).t();
  clamp_all(w);
  std::cout << w.max().item<float>() << "\n";
  // CHECK: WARNING: aliasguard: lost-write
  // CHECK-NEXT: READ by 'max' through handle #{{[0-9]+}} at {{.*}}lost-write.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITE by 'clamp_' through handle #{{[0-9]+}} at {{.*}}lost-write.cpp:20:{{[0-9]+}} in clamp_all
  // CHECK-NEXT: ALIAS handle #{{[0-9]+}} made by 'flatten' of handle #{{[0-9]+}} at {{.*}}lost-write.cpp:19:{{[0-9]+}} in clamp_all

  // Silent: the copy-back idiom, the copy read instead of the source, a
  // dtype conversion, a packed copy of weights that are written afterwards, a
  // packed copy that is written (its source was a temporary view: the base
  // never expected the write), and a source that was contiguous (flatten returned a view, which the
  // source's own later write keeps in step).
  torch::Tensor a = torch::arange(6, torch::kFloat).view({2, 3}).t();
  torch::Tensor a2 = a.contiguous();
  a2.mul_(2);
  a.copy_(a2);
  float s = a.sum().item<float>();
  torch::Tensor b = torch::arange(6, torch::kFloat).view({2, 3}).t();
  torch::Tensor b2 = b.contiguous();
  b2.add_(1);
  s += b2.sum().item<float>();
  torch::Tensor c = torch::arange(6, torch::kFloat).view({2, 3}).t();
  torch::Tensor c2 = c.to(torch::kDouble);
  c2.mul_(3);
  s += c.sum().item<float>() + float(c2.sum().item<double>());
  torch::Tensor weight = torch::arange(6, torch::kFloat).reshape({2, 3});
  torch::Tensor packed = weight.t().contiguous();
  weight.mul_(0.5);
  s += packed.sum().item<float>() + weight.sum().item<float>();
  torch::Tensor kernel = torch::arange(6, torch::kFloat).view({2, 3});
  torch::Tensor kernel_cm = kernel.t().contiguous(); // the source is a temporary view
  kernel_cm.mul_(0.5);
  s += kernel.sum().item<float>() + kernel_cm.sum().item<float>();
  std::cout << s << "\n";
  // CHECK-NOT: WARNING
  // CHECK: aliasguard: 3 distinct reports (3 lost-write)
}
// COUNT-COUNT-3: WARNING: aliasguard: lost-write
// COUNT-NOT: WARNING
