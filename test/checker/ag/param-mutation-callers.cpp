// RUN: %check_aliasguard --tool=cli --checks=aliasguard-param-mutation %s -- %ag_flags
// param-mutation is about the caller: a callee that writes a parameter taken by
// value or const reference is reported at a call whose argument the caller reads
// afterwards; a function with callers in the file is not reported by itself.
#include <ag/ag.h>
#include <iostream>

// --- BUG: the caller reads its tensor after the call wrote it ---

ag::Tensor normalize(ag::Tensor t) {
  t.div_(t.sum().item<float>());
  return t;
}
void reads_after_call() {
  ag::Tensor x = ag::rand({4});
  ag::Tensor n = normalize(x);
  std::cout << n << x;
// CHECK-MESSAGES: :[[@LINE-2]]:18: warning: 'normalize' writes its parameter 't' in place, which changes 'x': a tensor taken by value shares storage with the argument, and 'x' is read after the call [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-8]]:5: note: written by 'normalize' here
// CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'x' is read here and sees the changed data
// CHECK-MESSAGES: :[[@LINE-11]]:33: note: 't' declared here; pass a clone, or make the callee clone it or take it as a non-const reference
}

void scale_rows(const ag::Tensor &m) { m[0].mul_(2); }
void const_reference_void_helper() {
  ag::Tensor m = ag::ones({2, 2});
  scale_rows(m.view({2, 2}));
  std::cout << m.sum().item<float>();
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'scale_rows' writes its parameter 'm' in place, which changes 'm': a tensor taken by const reference shares storage with the argument, and 'm' is read after the call [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-6]]:45: note: written by 'scale_rows' here
// CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'm' is read here and sees the changed data
// CHECK-MESSAGES: :[[@LINE-8]]:35: note: 'm' declared here; pass a clone, or make the callee clone it or take it as a non-const reference
}

// Judged at the caller through two levels: 'outer' writes 'a' through 'normalize'.
ag::Tensor outer(ag::Tensor a) { return normalize(a) * 2; }
void two_levels() {
  ag::Tensor x = ag::rand({4});
  ag::Tensor y = outer(x);
  std::cout << x << y;
// CHECK-MESSAGES: :[[@LINE-2]]:18: warning: 'outer' writes its parameter 'a' in place, which changes 'x': a tensor taken by value shares storage with the argument, and 'x' is read after the call [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-6]]:41: note: written by 'outer' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'x' is read here and sees the changed data
// CHECK-MESSAGES: :[[@LINE-8]]:29: note: 'a' declared here; pass a clone, or make the callee clone it or take it as a non-const reference
}

// A member function is judged at its calls too.
struct Scaler {
  float k = 2;
  ag::Tensor apply(ag::Tensor v) const {
    v.mul_(k);
    return v;
  }
};
void member_call() {
  Scaler s;
  ag::Tensor v = ag::ones({3});
  ag::Tensor w = s.apply(v);
  std::cout << v << w;
// CHECK-MESSAGES: :[[@LINE-2]]:20: warning: 'apply' writes its parameter 'v' in place, which changes 'v': a tensor taken by value shares storage with the argument, and 'v' is read after the call [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-10]]:7: note: written by 'apply' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'v' is read here and sees the changed data
// CHECK-MESSAGES: :[[@LINE-13]]:31: note: 'v' declared here; pass a clone, or make the callee clone it or take it as a non-const reference
}

// --- Near misses: the same callees, idiomatic callers (silent) ---

void temporaries(const ag::Tensor &x) {
  std::cout << normalize(ag::ones_like(x)) << normalize(x * 2) << normalize(x.clone());
  scale_rows(x + 1);
  std::cout << x;
}

ag::Tensor rebinds(ag::Tensor x) {
  x = x * 3;
  x = normalize(x);
  return x + 1;
}

ag::Tensor never_reads_again() {
  ag::Tensor x = ag::rand({4});
  ag::Tensor n = normalize(x);
  return n;
}

void member_call_rebinds() {
  Scaler s;
  ag::Tensor v = ag::ones({3});
  v = s.apply(v);
  std::cout << v;
}

// A void helper whose purpose is to update its by-value argument: the caller
// reads the argument afterwards because it wants the new values.
void center_to_corner(ag::Tensor boxes) {
  boxes.select(1, 0) -= boxes.select(1, 2) / 2;
  boxes.select(1, 1) -= boxes.select(1, 3) / 2;
}
void wants_the_update() {
  ag::Tensor boxes = ag::rand({3, 4});
  center_to_corner(boxes);
  std::cout << boxes;
}

// Writing a non-const reference parameter is the function's purpose.
ag::Tensor &clip_(ag::Tensor &t) { return t.clamp_(0, 1); }
void reference_parameter() {
  ag::Tensor t = ag::randn({3});
  clip_(t);
  std::cout << t;
}
