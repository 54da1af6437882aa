// RUN: %check_aliasguard --tool=cli %s -- %ag_flags
// An in-place write through the result of reshape/contiguous/to/flatten (a
// view when it can be, else a copy) while the source still wants it. All
// checks are on: the write is told once, by lost-write.
#include <ag/ag.h>
#include <iostream>

void through_temporary(ag::Tensor x) {
  x.reshape({-1}).zero_();
  std::cout << x;
// CHECK-MESSAGES: :[[@LINE-2]]:19: warning: in-place 'zero_' on the result of 'reshape' changes 'x' only if 'reshape' returned a view of it; when 'reshape' copies, the write is lost for 'x', which is read later [aliasguard-lost-write]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'reshape' returns a view of 'x' when it can and a copy otherwise here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'x' is read here and sees the write only if 'reshape' returned a view
}

void through_other_handle() {
  ag::Tensor x = ag::ones({2, 3});
  auto y = x.contiguous();
  y.clamp_(0, 1);
  std::cout << x;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place 'clamp_' through 'y' changes 'x' only if 'contiguous' returned a view of it; when 'contiguous' copies, the write is lost for 'x', which is read later [aliasguard-lost-write]
// CHECK-MESSAGES: :[[@LINE-4]]:14: note: 'contiguous' returns a view of 'x' when it can and a copy otherwise here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'x' is read here and sees the write only if 'contiguous' returned a view
}

// The caller of a reference parameter wants the write.
void caller_wants_it(ag::Tensor &x) { x.flatten().mul_(2); }
// CHECK-MESSAGES: :[[@LINE-1]]:51: warning: in-place 'mul_' on the result of 'flatten' changes 'x' only if 'flatten' returned a view of it; when 'flatten' copies, the write is lost for the caller, who passed 'x' by reference [aliasguard-lost-write]
// CHECK-MESSAGES: :[[@LINE-2]]:41: note: 'flatten' returns a view of 'x' when it can and a copy otherwise here

void rebound_reference(ag::Tensor &self) {
  self = self.contiguous();
  self.mul_(2);
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: in-place 'mul_' through 'self' changes the caller's data only if 'contiguous' returned a view of it: 'self' was rebound to the result; when 'contiguous' copies, the write is lost for the caller, who passed 'self' by reference [aliasguard-lost-write]
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'contiguous' returns a view of 'self' when it can and a copy otherwise here
  self.add_(1); // the same story: told once
}

void in_a_loop(ag::Tensor x) {
  for (int i = 0; i < 3; ++i) {
    std::cout << x;
    x.to(ag::kFloat).add_(1);
  }
// CHECK-MESSAGES: :[[@LINE-2]]:22: warning: in-place 'add_' on the result of 'to' changes 'x' only if 'to' returned a view of it; when 'to' copies, the write is lost for 'x', which is read later [aliasguard-lost-write]
// CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'to' returns a view of 'x' when it can and a copy otherwise here
// CHECK-MESSAGES: :[[@LINE-5]]:15: note: 'x' is read here and sees the write only if 'to' returned a view
}

// --- silent near-misses ---------------------------------------------------

// The copy-back idiom: x sees the write whatever contiguous returned.
void copy_back(ag::Tensor &x) {
  auto y = x.contiguous();
  y.mul_(2);
  if (!x.is_contiguous())
    x.copy_(y);
  std::cout << x;
}

// The result is what is used; the source is not read again.
void result_used() {
  ag::Tensor x = ag::ones({2, 3});
  auto y = x.reshape({-1});
  y.add_(1);
  std::cout << y;
}

// The statement uses the in-place result itself (returned).
ag::Tensor flat_plus_one(ag::Tensor &x) { return x.reshape({-1}).add_(1); }

// Rebinding a local: x is the result now.
void local_rebound(ag::Tensor x) {
  x = x.contiguous();
  x.mul_(2);
  std::cout << x;
}

// The source is rebound before it is read.
void source_rebound() {
  ag::Tensor x = ag::ones({4});
  x.reshape({2, 2}).zero_();
  x = ag::zeros({4});
  std::cout << x;
}

// A known copy: the transpose is not contiguous, so contiguous() copies
// and the write has nothing to lose.
ag::Tensor known_copy(const ag::Tensor &m) {
  ag::Tensor c = m.t().contiguous();
  c.mul_(2);
  return c;
}

// An always-view op writes the source: nothing is lost.
void always_view(ag::Tensor &x) { x.view({-1}).zero_(); }
