// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// detach(), data() and variable_data() return a handle of the same storage
// with a TensorImpl of its own: a view for the analysis. Writing through it
// writes the tensor it came from.
#include <torch/torch.h>
#include <iostream>

void use(const torch::Tensor &t) { std::cout << t; }

// BUG: the detached handle writes the weights, which are read afterwards.
void detach_write() {
  torch::Tensor w = torch::rand({3});
  auto d = w.detach();
  d.mul_(2);
  use(w);
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'd' also changes 'w', which is read later: 'd' is a view of 'w' ('detach') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:14: note: 'detach' creates a view of 'w' here
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'w' is read here and sees the changed data
}

// BUG: .data() is the same storage (what Python's `w.data` is).
void data_write() {
  torch::Tensor w = torch::rand({3});
  torch::Tensor d = w.data();
  d.zero_();
  use(w);
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'd' also changes 'w', which is read later: 'd' is a view of 'w' ('data') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:23: note: 'data' creates a view of 'w' here
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'w' is read here and sees the changed data
}

// BUG: variable_data() too.
void variable_data_write() {
  torch::Tensor w = torch::rand({3});
  auto d = w.variable_data();
  d.add_(1);
  use(w);
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'd' also changes 'w', which is read later: 'd' is a view of 'w' ('variable_data') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:14: note: 'variable_data' creates a view of 'w' here
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'w' is read here and sees the changed data
}

// Near miss: a clone of the detached tensor is a copy.
void detach_clone() {
  torch::Tensor w = torch::rand({3});
  auto d = w.detach().clone();
  d.mul_(2);
  use(w);
}

// Near miss: the write through a temporary detach is w's own write.
void detach_temporary() {
  torch::Tensor w = torch::rand({3});
  w.detach().mul_(2);
  use(w);
}

// Near miss: the raw pointer of the deprecated data<T>() is w's own data
// (data_ptr<T>()), not a view.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
void data_pointer() {
  torch::Tensor w = torch::rand({3});
  float *p = w.data<float>();
  p[0] = 1;
  use(w);
}
#pragma clang diagnostic pop

// Near miss: the shape of a detached handle is its own.
void detach_shape() {
  torch::Tensor w = torch::rand({1, 3});
  auto d = w.detach();
  d.squeeze_();
  use(w);
}
