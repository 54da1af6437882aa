// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=tidy --checks='aliasguard-*' %s -- %torch_flags
// The plugin on LibTorch code, with --fix.
#include <torch/torch.h>
#include <iostream>

void fix_clone() {
  torch::Tensor w = torch::randn({3});
  torch::Tensor w_old = w;
  w.add_(0.1);
  std::cout << (w - w_old).abs().sum();
// CHECK-MESSAGES: :[[@LINE-3]]:17: warning: copying 'w' into 'w_old' shares its storage, not its data: the in-place write through 'w' also changes 'w_old'; use 'w.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'w' here
// CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'w_old' is read here and sees the changed data
// CHECK-FIXES: torch::Tensor w_old = w.clone();
}

void fix_out_of_place() {
  torch::Tensor x = torch::ones({3});
  torch::Tensor y = x.sigmoid_();
  std::cout << x + y;
// CHECK-MESSAGES: :[[@LINE-2]]:23: warning: 'sigmoid_' modifies 'x' in place and returns it; its result is bound to the new name 'y', but 'x' is read later as if unchanged; use 'sigmoid' for a new tensor [aliasguard-inplace-read-later]
// CHECK-MESSAGES: :[[@LINE-3]]:17: note: 'y' is the same tensor as 'x', not a new one
// CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'x' is read here, after 'sigmoid_' changed it
// CHECK-FIXES: torch::Tensor y = x.sigmoid();
}

torch::Tensor first_row(const torch::Tensor &m) { return m.select(0, 0); }
void interprocedural_view() {
  torch::Tensor m = torch::ones({2, 2});
  torch::Tensor r = first_row(m);
  r.fill_(7);
  std::cout << m;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'r' also changes 'm', which is read later: 'r' is a view of 'm' ('first_row') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:21: note: 'r' is a view of 'm' returned by 'first_row' here
// CHECK-MESSAGES: :[[@LINE-8]]:51: note: 'first_row' returns a view of its parameter here
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'm' is read here and sees the changed data
// CHECK-FIXES: torch::Tensor r = first_row(m);
}

void silent(torch::Tensor &acc, const torch::Tensor &g) {
  acc.add_(g);
  torch::Tensor t = g.detach().clone();
  t.mul_(2);
  std::cout << g << t;
}
