// REQUIRES: libtorch
// A shape change in place (squeeze_) is a fact of its own, not a write: it
// makes the copies of the handle stale (they share its TensorImpl), not its
// views, and leaves everyone's pending data reads alone.
// RUN: %aliasguard --dump-facts %s -- %torch_flags 2>/dev/null | %FileCheck %s
#include <torch/torch.h>
#define POINT(name) void("__aliasguard_point_" #name)

void shape_change() {
  torch::Tensor a = torch::rand({1, 3});
  auto v = a.view({-1});
  torch::Tensor b = a;
  a.squeeze_();
  POINT(after_squeeze);
}
// CHECK-LABEL: facts of 'shape_change'
// CHECK:         12:17   bind b := %0
// CHECK-NEXT:    13:3    %0 += load a
// CHECK-NEXT:    13:5    shape of a changed 'squeeze_'
// CHECK-NOT:     write
// CHECK:       state at 'after_squeeze':
// CHECK-NEXT:    a: s0
// CHECK-NEXT:    v: s0[view 'view' of a at 11:14]
// CHECK-NEXT:    b: s0[copy of a at 12:17]
// CHECK-NEXT:    stale: b misses 'squeeze_' at 13:5 of s0 through a
// CHECK-NOT:     stale:

// Reading only a handle's sizes is a read of its shape: it observes a shape
// change, never a data write. Its dtype is neither.
int64_t shape_read() {
  torch::Tensor a = torch::rand({1, 3});
  torch::Tensor b = a;
  a.squeeze_();
  auto type = b.dtype();
  return b.size(0);
}
// CHECK-LABEL: facts of 'shape_read'
// CHECK:         shape of a changed 'squeeze_'
// CHECK:         += load b
// CHECK-NEXT:    += load b
// CHECK-NEXT:    read shape of b
