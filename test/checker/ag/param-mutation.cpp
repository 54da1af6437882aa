// RUN: %check_aliasguard --tool=cli --checks=aliasguard-param-mutation %s -- %ag_flags
// Writing into a tensor parameter taken by value or const reference.
#include <ag/ag.h>
#include <iostream>

void normalize(const ag::Tensor &t) {
  t.div_(t.sum().item<float>());
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place write to parameter 't' changes the caller's tensor: a tensor taken by const reference shares storage with the argument [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:34: note: 't' declared here; clone it before writing, take it as a non-const reference, or end the function name with '_'
}

ag::Tensor scaled(ag::Tensor t, float s) {
  t *= s;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place write to parameter 't' changes the caller's tensor: a tensor taken by value shares storage with the argument [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:30: note: 't' declared here; clone it before writing, take it as a non-const reference, or end the function name with '_'
  return t;
}

ag::Tensor zero_first_row(ag::Tensor m) {
  ag::Tensor row = m[0];
  row.zero_();
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: in-place write through 'row' to parameter 'm' changes the caller's tensor: a tensor taken by value shares storage with the argument [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:38: note: 'm' declared here; clone it before writing, take it as a non-const reference, or end the function name with '_'
  return m.sum();
}

void clamp_through_copy(const ag::Tensor &t) {
  ag::Tensor c = t;
  c.clamp_(0, 1);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place write through 'c' to parameter 't' changes the caller's tensor: a tensor taken by const reference shares storage with the argument [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:43: note: 't' declared here; clone it before writing, take it as a non-const reference, or end the function name with '_'
}

float element_write(ag::Tensor t) { t[0] = 1; return 0; }
// CHECK-MESSAGES: :[[@LINE-1]]:42: warning: in-place write to parameter 't' changes the caller's tensor: a tensor taken by value shares storage with the argument [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:32: note: 't' declared here; clone it before writing, take it as a non-const reference, or end the function name with '_'

void fill_rows_(ag::Tensor &m) { m.fill_(0); }
void calls_inplace_callee(const ag::Tensor &p) { fill_rows_(const_cast<ag::Tensor &>(p)); }
// CHECK-MESSAGES: :[[@LINE-1]]:50: warning: in-place write to parameter 'p' changes the caller's tensor: a tensor taken by const reference shares storage with the argument [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:45: note: 'p' declared here; clone it before writing, take it as a non-const reference, or end the function name with '_'

// --- Negative: must stay silent ---

void by_mutable_reference(ag::Tensor &t) { t.add_(1); }

void trailing_underscore_(ag::Tensor t) { t.add_(1); }

ag::Tensor clones_first(const ag::Tensor &t) {
  ag::Tensor c = t.clone();
  c.add_(1);
  return c;
}

ag::Tensor rebinds_first(ag::Tensor t) {
  t = t * 2;
  t.add_(1);
  return t;
}

float only_reads(const ag::Tensor &t) { return t.sum().item<float>() + t.numel(); }

// A void function that writes a parameter taken by value has no other way to
// give its result: updating the argument is its purpose (a const reference
// parameter is no such promise: 'normalize' above is reported).
void void_updater(ag::Tensor m) {
  ag::Tensor row = m[0];
  row.zero_();
}
void void_element_write(ag::Tensor t) { t[0] = 1; }

// A function with callers in the file is judged at the calls
// (param-mutation-callers.cpp); these callers never read the argument again.
ag::Tensor called_here(ag::Tensor t) {
  t.mul_(2);
  return t;
}
ag::Tensor caller_of_called_here() { return called_here(ag::ones({2})) + called_here(ag::zeros({2})); }
