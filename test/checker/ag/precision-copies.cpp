// RUN: %check_aliasguard --tool=cli %s -- %ag_flags
// Containers of numbers are copies; only tensors (and containers of tensors)
// share storage. An in-place result bound to a name that is never read is no
// story (and gets no fix-it that would change what later reads see).
#include <ag/ag.h>
#include <array>
#include <deque>
#include <iostream>
#include <vector>

// BUG: a vector of tensors taken by value shares the caller's tensors.
float scale_first(std::vector<ag::Tensor> ts) {
  ts[0].mul_(2);
  return 0;
}
// CHECK-MESSAGES: :[[@LINE-3]]:9: warning: in-place write to parameter 'ts' changes the caller's tensor: a tensor taken by value shares storage with the argument [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:43: note: 'ts' declared here; clone it before writing, take it as a non-const reference, or end the function name with '_'

// Near misses: numbers taken or copied by value are the callee's own.
float scale_anchors(std::vector<float> anchors, float stride) {
  for (size_t i = 0; i < anchors.size(); ++i)
    anchors[i] = anchors[i] / stride;
  return anchors[0];
}
std::vector<int> skip_channels(const std::vector<int> &channels) {
  std::vector<int> skip = channels;
  skip.back() = 0;
  skip[0] = 1;
  return skip;
}
int from_array(std::array<int, 3> a, const std::deque<double> &d) {
  std::deque<double> e = d;
  e[0] = 2;
  a[0] = 1;
  return a[0] + int(e[0]);
}

// BUG: the in-place result is bound to a name that is read, and so is x.
void bound_and_read() {
  ag::Tensor x = ag::ones({3});
  ag::Tensor y = x.div_(255);
  std::cout << x << y;
// CHECK-MESSAGES: :[[@LINE-2]]:20: warning: 'div_' modifies 'x' in place and returns it; its result is bound to the new name 'y', but 'x' is read later as if unchanged; use 'div' for a new tensor [aliasguard-inplace-read-later]
// CHECK-MESSAGES: :[[@LINE-3]]:14: note: 'y' is the same tensor as 'x', not a new one
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'x' is read here, after 'div_' changed it
}

// Near miss: the binding is dead (rebound before any read), and the later read
// of x wants the divided values; 'div_' -> 'div' would change them.
ag::Tensor dead_binding() {
  ag::Tensor x = ag::ones({2, 3}).permute({1, 0});
  ag::Tensor y = x.div_(255);
  y = x.contiguous().clone();
  return y;
}
// The same into an out-parameter: the assignment statement reads nothing of 'out'.
void dead_binding_out(ag::Tensor &out) {
  ag::Tensor x = ag::ones({2, 3}).permute({1, 0});
  out = x.div_(255);
  out = x.contiguous().clone();
}
