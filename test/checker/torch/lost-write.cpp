// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// LibTorch: reshape, contiguous, to, flatten are may-views in the API model
// (their schemas call them views; they copy when they must).
#include <torch/torch.h>
#include <iostream>

void zero_flat(torch::Tensor x) {
  x.reshape({-1}).zero_();
  std::cout << x;
// CHECK-MESSAGES: :[[@LINE-2]]:19: warning: in-place 'zero_' on the result of 'reshape' changes 'x' only if 'reshape' returned a view of it; when 'reshape' copies, the write is lost for 'x', which is read later [aliasguard-lost-write]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'reshape' returns a view of 'x' when it can and a copy otherwise here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'x' is read here and sees the write only if 'reshape' returned a view
}

void scale(torch::Tensor &x) { x.contiguous().mul_(2); }
// CHECK-MESSAGES: :[[@LINE-1]]:47: warning: in-place 'mul_' on the result of 'contiguous' changes 'x' only if 'contiguous' returned a view of it; when 'contiguous' copies, the write is lost for the caller, who passed 'x' by reference [aliasguard-lost-write]
// CHECK-MESSAGES: :[[@LINE-2]]:34: note: 'contiguous' returns a view of 'x' when it can and a copy otherwise here

void clamp_copy() {
  torch::Tensor x = torch::rand({3, 4}).t();
  auto y = x.contiguous();
  y.clamp_(0, 1);
  std::cout << x;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place 'clamp_' through 'y' changes 'x' only if 'contiguous' returned a view of it; when 'contiguous' copies, the write is lost for 'x', which is read later [aliasguard-lost-write]
// CHECK-MESSAGES: :[[@LINE-4]]:14: note: 'contiguous' returns a view of 'x' when it can and a copy otherwise here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'x' is read here and sees the write only if 'contiguous' returned a view
}

void normalise_(torch::Tensor &self) {
  self = self.contiguous();
  self.div_(self.norm());
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: in-place 'div_' through 'self' changes the caller's data only if 'contiguous' returned a view of it: 'self' was rebound to the result; when 'contiguous' copies, the write is lost for the caller, who passed 'self' by reference [aliasguard-lost-write]
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'contiguous' returns a view of 'self' when it can and a copy otherwise here
}

// --- silent near-misses ---------------------------------------------------

void copy_back(torch::Tensor &x) {
  torch::Tensor y = x.contiguous();
  y.mul_(2);
  if (!x.is_contiguous())
    x.copy_(y);
}

torch::Tensor result_used() {
  torch::Tensor x = torch::randint(0, 255, {3});
  auto y = x.to(torch::kFloat);
  y.div_(255);
  return y;
}

// The in-place result is what the statement uses (returned): the
// written data is wanted there, whether or not `to` copied.
torch::Tensor to_unit_range(torch::Tensor &tensor) {
  return tensor.to(torch::kFloat32).div_(255);
}

void local_rebound(torch::Tensor x) {
  x = x.contiguous();
  x.mul_(2);
  std::cout << x;
}

void always_view(torch::Tensor &x) { x.view({-1}).zero_(); }
