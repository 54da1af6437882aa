// White-box tests of the dataflow: the state (which storages each handle
// may share, and which writes it has missed) at test points.
// RUN: %aliasguard --dump-facts %s -- %ag_flags 2>/dev/null | %FileCheck %s
#include <ag/ag.h>
#define POINT(name) void("__aliasguard_point_" #name)

void use(const ag::Tensor &);

// A copy and a view share the storage; a write through the view is missed
// by both.
void view_and_copy(ag::Tensor a) {
  ag::Tensor v = a.view({-1});
  ag::Tensor b = a;
  POINT(vc_before);
  v.add_(1);
  POINT(vc_after);
  use(a);
  use(b);
}
// CHECK-LABEL: facts of 'view_and_copy'
// CHECK:       state at 'vc_before':
// CHECK-NEXT:    a: s0
// CHECK-NEXT:    v: s0[view 'view' of a at 12:20]
// CHECK-NEXT:    b: s0[copy of a at 13:14]
// CHECK-NEXT:  state at 'vc_after':
// CHECK-NEXT:    a: s0
// CHECK-NEXT:    v: s0[view 'view' of a at 12:20]
// CHECK-NEXT:    b: s0[copy of a at 13:14]
// CHECK-NEXT:    stale: a misses 'add_' at 15:5 of s0 through v
// CHECK-NEXT:    stale: b misses 'add_' at 15:5 of s0 through v
// CHECK-NOT:     stale:

// Rebinding a handle to a clone ends the sharing: the write is nobody
// else's business.
void rebind(ag::Tensor a) {
  ag::Tensor b = a;
  b = a.clone();
  b.add_(1);
  POINT(rebind_after);
  use(a);
}
// CHECK-LABEL: facts of 'rebind'
// CHECK:       36:14 bind b := %0
// CHECK:       37:9  %2 += fresh
// CHECK-NEXT:  37:3  bind b := %2
// CHECK:       state at 'rebind_after':
// CHECK-NEXT:    a: s0
// CHECK-NEXT:    b: s1
// CHECK-NOT:     stale:

// At a join the handle may share either storage: both are kept.
void join(ag::Tensor a, bool c) {
  ag::Tensor w;
  if (c)
    w = a;
  else
    w = a.clone();
  POINT(join_after);
  w.mul_(2);
  POINT(join_written);
  use(a);
}
// CHECK-LABEL: facts of 'join'
// CHECK:       state at 'join_after':
// CHECK-NEXT:    a: s0
// CHECK-NEXT:    w: s0[copy of a at 55:5] s{{[0-9]+}}
// CHECK-NOT:     stale:
// CHECK:       state at 'join_written':
// CHECK:         stale: a misses 'mul_' at 59:5 of s0 through w

// A write in a loop body reaches the loop head: the read at the top of the
// next iteration sees it.
void loop(ag::Tensor a, int n) {
  ag::Tensor v = a.slice(0, 0, 1);
  for (int i = 0; i < n; ++i) {
    POINT(loop_head);
    use(a);
    v.zero_();
  }
}
// CHECK-LABEL: facts of 'loop'
// CHECK:       state at 'loop_head':
// CHECK:         stale: a misses 'zero_' at 78:7 of s0 through v

// A callee's summary: 'identity' returns its parameter, so its result is
// the argument's storage.
ag::Tensor identity(ag::Tensor t) { return t; }
void through_call(ag::Tensor a) {
  ag::Tensor r = identity(a);
  r.sub_(1);
  POINT(call_after);
  use(a);
}
// CHECK-LABEL: facts of 'through_call'
// CHECK:       89:18 %1 += returns-param of %0 'identity' from a
// CHECK:       state at 'call_after':
// CHECK-NEXT:    a: s0
// CHECK-NEXT:    r: s0[returns-param 'identity' of a at 89:18]
// CHECK-NEXT:    stale: a misses 'sub_' at 90:5 of s0 through r
