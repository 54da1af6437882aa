// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// The four checks on real LibTorch code (<torch/torch.h>): ATen's in-place and
// view methods come from the op schemas in the headers (`schema_str`).
#include <torch/torch.h>
#include <iostream>
#include <vector>

void assign_then_element_write() {
  torch::Tensor a = torch::tensor({1, 2, 3});
  torch::Tensor b = a;
  b[0] = 99;
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-3]]:17: warning: copying 'a' into 'b' shares its storage, not its data: the in-place write through 'b' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: in-place write through 'b' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and sees the changed data
}

void backup_then_sub() {
  torch::Tensor a = torch::ones({3});
  torch::Tensor a1 = a;
  a.sub_(torch::ones({3}));
  std::cout << a1;
// CHECK-MESSAGES: :[[@LINE-3]]:17: warning: copying 'a' into 'a1' shares its storage, not its data: the in-place write through 'a' also changes 'a1'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a1' is read here and sees the changed data
}

// swapdims is in no hand-written table: its schema says
// "swapdims(Tensor(a) self, int dim0, int dim1) -> Tensor(a)".
void schema_view() {
  torch::Tensor m = torch::zeros({2, 3});
  torch::Tensor s = m.swapdims(0, 1);
  s.add_(1);
  std::cout << m;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 's' also changes 'm', which is read later: 's' is a view of 'm' ('swapdims') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:23: note: 'swapdims' creates a view of 'm' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'm' is read here and sees the changed data
}

void may_share_reshape() {
  torch::Tensor x = torch::ones({2, 2});
  torch::Tensor flat = x.reshape({4});
  x.mul_(2);
  std::cout << flat;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'x' may also change 'flat', which is read later: 'flat' may share storage with 'x' ('reshape' returns a view when it can) [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:26: note: 'reshape' may return a view of 'x' here (it copies only when it must)
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'flat' is read here and may see the changed data
}

void from_blob_buffer() {
  float buf[4] = {1, 2, 3, 4};
  torch::Tensor t = torch::from_blob(buf, {4});
  buf[0] = 5;
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-2]]:10: warning: in-place write through 'buf' also changes 't', which is read later: 't' is a view of 'buf' ('from_blob') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:21: note: 'from_blob' creates a view of 'buf' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 't' is read here and sees the changed data
}

void bound_inplace_result() {
  torch::Tensor x = torch::ones({3});
  auto y = x.relu_();
  std::cout << y << x;
// CHECK-MESSAGES: :[[@LINE-2]]:14: warning: 'relu_' modifies 'x' in place and returns it; its result is bound to the new name 'y', but 'x' is read later as if unchanged; use 'relu' for a new tensor [aliasguard-inplace-read-later]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: 'y' is the same tensor as 'x', not a new one
// CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'x' is read here, after 'relu_' changed it
}

void container_then_write() {
  std::vector<torch::Tensor> saved;
  torch::Tensor h = torch::zeros({2});
  saved.push_back(h);
  h.add_(1);
  std::cout << saved[0];
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'h' also changes 'h' as stored in 'saved', which is read later; store a clone or write out of place [aliasguard-inplace-read-later]
// CHECK-MESSAGES: :[[@LINE-4]]:9: note: 'h' stored in 'saved' here: the element shares its storage
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'saved' is read here and sees the changed data
}

void param_by_const_ref(const torch::Tensor &t) { t.clamp_(0, 1); }
// CHECK-MESSAGES: :[[@LINE-1]]:53: warning: in-place write to parameter 't' changes the caller's tensor: a tensor taken by const reference shares storage with the argument [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:46: note: 't' declared here; clone it before writing, take it as a non-const reference, or end the function name with '_'
torch::Tensor param_free_inplace(torch::Tensor t) { torch::relu_(t); return t; }
// CHECK-MESSAGES: :[[@LINE-1]]:53: warning: in-place write to parameter 't' changes the caller's tensor: a tensor taken by value shares storage with the argument [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:48: note: 't' declared here; clone it before writing, take it as a non-const reference, or end the function name with '_'

// --- Negative: must stay silent ---

void idioms(torch::Tensor &out) {
  torch::Tensor a = torch::ones({4, 2});
  torch::Tensor b = a.clone();
  b.add_(1);
  a.narrow(0, 0, 2).fill_(0);
  a[3][1] = 5;
  a.index_put_({0}, 7);
  torch::Tensor c = a;
  c = c + 1;
  c.mul_(2);
  torch::Tensor &r = a;
  r.add_(1);
  std::cout << a << b << c << a.sizes() << a.dim() << a.numel() << a.dtype();
  torch::Tensor d = a.sum();
  d.add_(1);
  torch::Tensor moved = std::move(a);
  moved.sub_(1);
  out = moved * 2;
  std::cout << d;
}

torch::Tensor scaled_(torch::Tensor t, double s) { return t.mul_(s); }
