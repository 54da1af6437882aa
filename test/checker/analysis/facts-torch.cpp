// REQUIRES: libtorch
// The facts of LibTorch calls come from the op schemas: an alias annotation
// (Tensor(a)) is a view, (a!) a write, no annotation a fresh tensor.
// RUN: %aliasguard --dump-facts %s -- %torch_flags 2>/dev/null | %FileCheck %s
#include <torch/torch.h>

void schemas(torch::Tensor a) {
  torch::Tensor t = a.transpose(0, 1);
  torch::Tensor s = a.exp();
  t.clamp_(0, 1);
  s.copy_(a);
}
// CHECK-LABEL: facts of 'schemas'
// CHECK:         8:23 %1 += view of %0 'transpose' from a
// CHECK:         9:23 read a
// CHECK-NEXT:    9:23 %1 += fresh
// CHECK:         10:5 write %0 through t 'clamp_'
// CHECK:         11:11 %1 += load a
// CHECK-NEXT:    11:11 read a
// CHECK-NEXT:    11:5 write %0 through s 'copy_'
