// RUN: %check_aliasguard --tool=cli --checks=aliasguard-param-mutation %s -- %ag_flags
// Layout: contiguous() of a view known not to be contiguous (transpose,
// permute, t, expand, slice with a step) is a copy; otherwise it may return
// its object, and a write through it is worded "may".
#include <ag/ag.h>

// BUG (when x is contiguous): contiguous() returns x itself.
ag::Tensor scaled(const ag::Tensor &x) {
  auto y = x.contiguous();
  y.mul_(2);
  return y;
}
// CHECK-MESSAGES: :[[@LINE-3]]:5: warning: in-place write through 'y' to parameter 'x' may change the caller's tensor: a tensor taken by const reference shares storage with the argument [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-6]]:37: note: 'x' declared here; clone it before writing, take it as a non-const reference, or end the function name with '_'

// BUG: transpose(1, 1) changes no layout: contiguous() may still return x.
ag::Tensor same_dims(const ag::Tensor &x) {
  auto y = x.transpose(1, 1).contiguous();
  y.mul_(2);
  return y;
}
// CHECK-MESSAGES: :[[@LINE-3]]:5: warning: in-place write through 'y' to parameter 'x' may change the caller's tensor: a tensor taken by const reference shares storage with the argument [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-6]]:40: note: 'x' declared here; clone it before writing, take it as a non-const reference, or end the function name with '_'

// Near misses: a known non-contiguous view, so contiguous() copies.
ag::Tensor transposed(const ag::Tensor &x) {
  auto y = x.view({2, -1}).transpose(0, 1).contiguous();
  y.mul_(2);
  return y;
}
ag::Tensor permuted(const ag::Tensor &x) {
  auto y = x.permute({1, 0}).contiguous();
  y.exp_();
  return y;
}
ag::Tensor strided(const ag::Tensor &x) {
  auto y = x.slice(0, 0, 4, 2).contiguous();
  y.add_(1);
  auto z = x.t().contiguous();
  z.add_(1);
  return y + z;
}
