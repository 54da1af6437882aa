// ag's lost-write reports: reshape, flatten and contiguous return a view when
// the layout allows and a copy otherwise; an in-place write into such a copy
// does not reach the source, and a later read of the source (expecting the
// write) is reported. The storage's version counter, which the program sees
// through _version(), is not changed by such a write.
// RUN: %agcxx %s -o %t %ag_checked
// RUN: %expect_exit 23 %t > %t.out 2> %t.err
// RUN: %FileCheck %s < %t.err
// RUN: %FileCheck %s --check-prefix=COUNT < %t.err
// RUN: %FileCheck %s --check-prefix=OUT < %t.out
#include <ag/ag.h>
#include <iostream>

// Meant to clamp the caller's tensor; a non-contiguous one is copied by
// flatten and stays as it was.
void clamp_all(const ag::Tensor &t) {
  ag::Tensor flat = t.flatten();
  flat.clamp_(0, 4);
}

int main() {
  ag::Tensor x = ag::arange(6, ag::kFloat).view({2, 3}).t(); // not contiguous
  ag::Tensor y = x.contiguous();
  y.mul_(2);
  std::cout << "version " << x._version() << "\n";
  // OUT: version 0
  std::cout << x.sum().item<float>() << "\n";
  // CHECK: WARNING: aliasguard: lost-write: read of a tensor whose in-place write went into a copy that a may-view op made (a view was not possible)
  // CHECK-NEXT: READ by 'sum' through handle #[[X:[0-9]+]] at {{.*}}lost-write.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITE by 'mul_' through handle #[[Y:[0-9]+]] at {{.*}}lost-write.cpp:[[@LINE-6]]:{{[0-9]+}} in main
  // CHECK-NEXT: ALIAS handle #[[Y]] made by 'contiguous' of handle #[[X]] at {{.*}}lost-write.cpp:[[@LINE-8]]:{{[0-9]+}} in main
  // CHECK-NEXT: STORAGE float32 [3, 2] as read, version 1 (handle #[[X]] last saw version 0)
  // CHECK-NEXT: SUMMARY: aliasguard: lost-write {{.*}}lost-write.cpp:[[@LINE-6]]:{{[0-9]+}} in main

  // A temporary copy written and dropped at once.
  ag::Tensor z = ag::ones({4, 4}).slice(1, 0, 2);
  z.reshape({-1}).zero_();
  std::cout << z.sum().item<float>() << "\n";
  // CHECK: WARNING: aliasguard: lost-write
  // CHECK-NEXT: READ by 'sum' through handle #{{[0-9]+}} at {{.*}}lost-write.cpp:[[@LINE-2]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITE by 'zero_' through handle #{{[0-9]+}} at {{.*}}lost-write.cpp:[[@LINE-4]]:{{[0-9]+}} in main
  // CHECK-NEXT: ALIAS handle #{{[0-9]+}} made by 'reshape' of handle #{{[0-9]+}} at {{.*}}lost-write.cpp:[[@LINE-5]]:{{[0-9]+}} in main

  // Through a helper, in a loop: one report.
  ag::Tensor w = ag::arange(-4, 8, ag::kFloat).view({3, 4}).t();
  for (int i = 0; i < 3; ++i) {
    clamp_all(w);
    std::cout << w.max().item<float>() << "\n";
  }
  // CHECK: WARNING: aliasguard: lost-write
  // CHECK-NEXT: READ by 'max' through handle #{{[0-9]+}} at {{.*}}lost-write.cpp:[[@LINE-3]]:{{[0-9]+}} in main
  // CHECK-NEXT: WRITE by 'clamp_' through handle #{{[0-9]+}} at {{.*}}lost-write.cpp:18:{{[0-9]+}} in clamp_all
  // CHECK-NEXT: ALIAS handle #{{[0-9]+}} made by 'flatten' of handle #{{[0-9]+}} at {{.*}}lost-write.cpp:17:{{[0-9]+}} in clamp_all

  // Silent: the copy-back idiom, the copy read instead of the source, a
  // dtype conversion, a packed copy of weights that are written afterwards, a
  // packed copy that is written (its source was a temporary view: the base
  // never expected the write) and a source that died before its copy was
  // written.
  ag::Tensor a = ag::arange(6, ag::kFloat).view({2, 3}).t();
  ag::Tensor a2 = a.contiguous();
  a2.mul_(2);
  a.copy_(a2);
  float s = a.sum().item<float>();
  ag::Tensor b = ag::arange(6, ag::kFloat).view({2, 3}).t();
  ag::Tensor b2 = b.contiguous();
  b2.add_(1);
  s += b2.sum().item<float>();
  ag::Tensor c = ag::arange(6, ag::kFloat).view({2, 3}).t();
  ag::Tensor c2 = c.to(ag::kDouble);
  c2.mul_(3);
  s += c.sum().item<float>() + float(c2.sum().item<double>());
  ag::Tensor weight = ag::arange(6, ag::kFloat).reshape({2, 3});
  ag::Tensor packed = weight.t().contiguous();
  weight.mul_(0.5);
  s += packed.sum().item<float>() + weight.sum().item<float>();
  ag::Tensor kernel = ag::arange(6, ag::kFloat).view({2, 3});
  ag::Tensor kernel_cm = kernel.t().contiguous(); // the source is a temporary view
  kernel_cm.mul_(0.5);
  s += kernel.sum().item<float>() + kernel_cm.sum().item<float>();
  ag::Tensor orphan;
  {
    ag::Tensor e = ag::arange(6, ag::kFloat).view({2, 3}).t();
    orphan = e.contiguous();
  }
  orphan.add_(1);
  s += orphan.sum().item<float>();
  std::cout << s << "\n";
  // CHECK-NOT: WARNING
  // CHECK: aliasguard: 3 distinct reports (3 lost-write)
}
// COUNT-COUNT-3: WARNING: aliasguard: lost-write
// COUNT-NOT: WARNING
