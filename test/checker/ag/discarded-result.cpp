// RUN: %check_aliasguard --tool=cli --checks=aliasguard-discarded-result %s -- %ag_flags
// RUN: %check_aliasguard --tool=tidy --checks=aliasguard-discarded-result %s -- %ag_flags
// A functional op (it returns a new tensor and writes nothing) used as a
// statement: its result is thrown away and the operand is unchanged.
#include <ag/ag.h>
#include <iostream>

void twin_exists(ag::Tensor x, const ag::Tensor &g) {
  x.add(g);
  std::cout << x;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: the result of 'add' is discarded: 'add' returns a new tensor and leaves 'x' unchanged; 'add_' is its in-place form [aliasguard-discarded-result]
// CHECK-MESSAGES: :[[@LINE-2]]:16: note: 'x' is used here with its old value
// CHECK-FIXES: {{^}}  x.add_(g);{{$}}
}

void no_twin_assign(ag::Tensor x) {
  x.to(ag::kLong);
  std::cout << x;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: the result of 'to' is discarded: 'to' returns a new tensor and leaves 'x' unchanged; assign the result to keep it [aliasguard-discarded-result]
// CHECK-MESSAGES: :[[@LINE-2]]:16: note: 'x' is used here with its old value
// CHECK-FIXES: {{^}}  x = x.to(ag::kLong);{{$}}
}

void view_and_layout(ag::Tensor t) {
  t.squeeze(0);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the result of 'squeeze' is discarded: 'squeeze' returns a new tensor and leaves 't' unchanged; assign the result to keep it [aliasguard-discarded-result]
// CHECK-FIXES: {{^}}  t.squeeze(0);{{$}}
  t.contiguous();
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the result of 'contiguous' is discarded: 'contiguous' returns a new tensor and leaves 't' unchanged; assign the result to keep it [aliasguard-discarded-result]
// CHECK-FIXES: {{^}}  t = t.contiguous();{{$}}
}

// A reference parameter: `x = ...` would rebind the caller's tensor, so no
// assignment is offered; the warning stays.
void reference_param(ag::Tensor &x) {
  if (x.dim() > 1)
    x.neg();
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'neg' is discarded: 'neg' returns a new tensor and leaves 'x' unchanged; 'neg_' is its in-place form [aliasguard-discarded-result]
// CHECK-FIXES: {{^}}    x.neg_();{{$}}
}

// The operand is a temporary: nothing can keep the result, and its in-place
// form would write the temporary: no fix-it.
void chained(const ag::Tensor &x) {
  x.abs().sqrt();
// CHECK-MESSAGES: :[[@LINE-1]]:11: warning: the result of 'sqrt' is discarded: 'sqrt' returns a new tensor and does not change its operand; 'sqrt_' is its in-place form [aliasguard-discarded-result]
// CHECK-FIXES: {{^}}  x.abs().sqrt();{{$}}
}

void in_loop_and_switch(ag::Tensor w, int mode) {
  for (int i = 0; i < 3; ++i)
    w.mul(2);
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'mul' is discarded: 'mul' returns a new tensor and leaves 'w' unchanged; 'mul_' is its in-place form [aliasguard-discarded-result]
// CHECK-FIXES: {{^}}    w.mul_(2);{{$}}
  switch (mode) {
  case 0:
    w.exp();
    break;
  }
// CHECK-MESSAGES: :[[@LINE-3]]:7: warning: the result of 'exp' is discarded: 'exp' returns a new tensor and leaves 'w' unchanged; 'exp_' is its in-place form [aliasguard-discarded-result]
// CHECK-FIXES: {{^}}    w.exp_();{{$}}
  std::cout << w;
}

// --- silent near-misses ---------------------------------------------------

ag::Tensor result_used(ag::Tensor x) {
  ag::Tensor y = x.add(1);     // bound
  x = x.clamp_min_(0);         // in place
  auto s = x.sum();            // bound
  (void)x.mul(2);              // discarded on purpose
  static_cast<void>(x.div(2)); // discarded on purpose
  x.add_(y);                   // in-place write
  x.fill_(0);                  // in-place write
  x.sizes();                   // metadata, not a tensor
  x.item();                    // returns a scalar
  std::cout << s;
  return x.sub(1); // returned
}

void unevaluated(ag::Tensor x) {
  using T = decltype(x.add(1));
  static_assert(sizeof(x.mul(2)) > 0);
  T y = x;
  std::cout << y;
}

#define APPLY(t) t.abs()
void from_macro(ag::Tensor x) {
  APPLY(x); // a macro's expansion: the macro decides, not this statement
  std::cout << x;
}

void lambda_returns(ag::Tensor x) {
  auto f = [&] { return x.add(1); };
  std::cout << f();
}

void suppressed(ag::Tensor x) {
  x.abs(); // NOLINT(aliasguard-discarded-result)
  std::cout << x;
}
