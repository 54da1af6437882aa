// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// The real-code false-positive causes of docs/accuracy.md, each with the bug it
// must still find: param-mutation judged at the callers, containers of numbers,
// autograd metadata, dead in-place bindings.
#include <torch/torch.h>
#include <iostream>
#include <vector>

// --- param-mutation at the caller ---
torch::Tensor drop_path(torch::Tensor x, double p) {
  x.div_(1.0 - p);
  return x;
}
// BUG: the caller keeps using 'x' as the undivided input.
torch::Tensor residual(torch::Tensor x) {
  torch::Tensor y = drop_path(x, 0.1);
  return x + y;
// CHECK-MESSAGES: :[[@LINE-2]]:21: warning: 'drop_path' writes its parameter 'x' in place, which changes 'x': a tensor taken by value shares storage with the argument, and 'x' is read after the call [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-8]]:5: note: written by 'drop_path' here
// CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'x' is read here and sees the changed data
// CHECK-MESSAGES: :[[@LINE-11]]:39: note: 'x' declared here; pass a clone, or make the callee clone it or take it as a non-const reference
}
// Near misses: the caller rebinds, or passes a fresh tensor.
torch::Tensor block(torch::Tensor x) {
  x = torch::relu(x) * 2;
  x = drop_path(x, 0.1);
  return x + 1;
}
torch::Tensor fresh_arguments(const torch::Tensor &a, const torch::Tensor &b) {
  auto r = drop_path(torch::cat({a, b}), 0.2) + drop_path(torch::ones_like(a), 0.1);
  return r + drop_path(a * 2, 0.3) + a;
}
// A void helper updating its argument is what its caller wants.
void center_to_corner(torch::Tensor boxes) {
  boxes.select(1, 0) -= boxes.select(1, 2) / 2;
}
void use_boxes() {
  auto boxes = torch::rand({3, 4});
  center_to_corner(boxes);
  std::cout << boxes << "\n";
}

// --- autograd metadata is not data ---
// BUG: a real write through the detached handle.
torch::Tensor shifted(const torch::Tensor &x) {
  auto w = x.detach();
  w.add_(1);
  return w;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'w' to parameter 'x' changes the caller's tensor: a tensor taken by const reference shares storage with the argument [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:44: note: 'x' declared here; clone it before writing, take it as a non-const reference, or end the function name with '_'
}
// Near miss: requires_grad_ / retain_grad change no number.
torch::Tensor leaf(const torch::Tensor &x) {
  auto w = x.detach();
  w.requires_grad_(true);
  auto v = w.view({-1}).requires_grad_(false);
  v.retain_grad();
  return w;
}

// --- containers of numbers are copies ---
// BUG: a tensor over the vector's buffer sees the element store.
void blob_view() {
  std::vector<float> buf = {1, 2, 3};
  torch::Tensor t = torch::from_blob(buf.data(), {3});
  buf[0] = 5;
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-2]]:10: warning: in-place write through 'buf' also changes 't', which is read later: 't' is a view of 'buf' ('from_blob') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:21: note: 'from_blob' creates a view of 'buf' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 't' is read here and sees the changed data
}
// Near miss: the copy has its own buffer.
void blob_of_copy() {
  std::vector<float> buf = {1, 2, 3};
  torch::Tensor t = torch::from_blob(buf.data(), {3});
  std::vector<float> copy = buf;
  copy[0] = 5;
  std::cout << t;
}

// --- an in-place result bound to a dead name ---
// Near miss: the later read of x wants the divided values.
torch::Tensor to_unit() {
  torch::Tensor x = torch::randint(0, 255, {2, 2, 3}).to(torch::kFloat).permute({2, 0, 1});
  torch::Tensor y = x.div_(255.0);
  y = x.contiguous().clone();
  return y;
}
