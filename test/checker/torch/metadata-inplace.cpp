// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// squeeze_, unsqueeze_, t_, transpose_, resize_, as_strided_, set_ change the
// sizes and strides of a TensorImpl in place, not its data. A copy of the
// handle (`Tensor b = a;`) is the same TensorImpl and sees the new shape; a
// view, a clone or a copy made afterwards has its own.
#include <torch/torch.h>
#include <iostream>

// BUG: the copy made before the squeeze_ is squeezed too.
void squeeze_copy() {
  torch::Tensor a = torch::rand({1, 3});
  torch::Tensor b = a;
  a.squeeze_();
  std::cout << b;
// CHECK-MESSAGES: :[[@LINE-3]]:17: warning: copying 'a' into 'b' shares its TensorImpl: 'squeeze_' through 'a' changes the shape 'b' sees too; use 'a.clone()' for a tensor with its own shape [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place shape change through 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'b' is read here and has the new shape
// CHECK-FIXES: {{^}}  torch::Tensor b = a.clone();{{$}}
}

// BUG: the shape change through the copy reaches the original.
void unsqueeze_through_copy() {
  torch::Tensor a = torch::rand({3});
  auto b = a;
  b.unsqueeze_(0);
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-3]]:8: warning: copying 'a' into 'b' shares its TensorImpl: 'unsqueeze_' through 'b' changes the shape 'a' sees too; use 'a.clone()' for a tensor with its own shape [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place shape change through 'b' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and has the new shape
}

// BUG: a by-value parameter kept as "the original" before t_.
torch::Tensor transpose_param(torch::Tensor x) {
  torch::Tensor orig = x;
  x.t_();
  return x.mm(orig);
// CHECK-MESSAGES: :[[@LINE-3]]:17: warning: copying 'x' into 'orig' shares its TensorImpl: 't_' through 'x' changes the shape 'orig' sees too; use 'x.clone()' for a tensor with its own shape [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place shape change through 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'orig' is read here and has the new shape
}

// BUG: resize_ through one handle, the old handle is read.
void resize_copy(torch::Tensor buf) {
  auto old = buf;
  buf.resize_({10});
  std::cout << old.sum();
// CHECK-MESSAGES: :[[@LINE-3]]:8: warning: copying 'buf' into 'old' shares its TensorImpl: 'resize_' through 'buf' changes the shape 'old' sees too; use 'buf.clone()' for a tensor with its own shape [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:7: note: in-place shape change through 'buf' here
// CHECK-MESSAGES: :[[@LINE-3]]:20: note: 'old' is read here and has the new shape
}

// BUG: the first of chained shape changes through the named handle (the
// second is on its unnamed result, a's own TensorImpl: one finding per copy).
void transpose_chain() {
  torch::Tensor a = torch::rand({2, 3});
  torch::Tensor keep = a;
  a.transpose_(0, 1).unsqueeze_(0);
  std::cout << keep;
// CHECK-MESSAGES: :[[@LINE-3]]:17: warning: copying 'a' into 'keep' shares its TensorImpl: 'transpose_' through 'a' changes the shape 'keep' sees too; use 'a.clone()' for a tensor with its own shape [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place shape change through 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'keep' is read here and has the new shape
}

// Near miss: the copy is made after the shape change.
void copy_after() {
  torch::Tensor a = torch::rand({1, 3});
  a.squeeze_();
  torch::Tensor b = a;
  std::cout << b;
}

// Near miss: views have their own sizes and strides, and no data changed.
void view_keeps_shape() {
  torch::Tensor a = torch::rand({1, 3});
  auto v = a.view({-1});
  auto row = a[0];
  auto s = a.slice(1, 0, 2);
  a.squeeze_();
  a.unsqueeze_(1);
  std::cout << v << row << s;
}

// Near miss: a clone is a TensorImpl of its own.
void clone_keeps_shape() {
  torch::Tensor a = torch::rand({1, 3});
  torch::Tensor b = a.clone();
  a.squeeze_();
  std::cout << b;
}

// Near miss: the handle that changed shape reads its own new shape.
void same_handle() {
  torch::Tensor a = torch::rand({1, 3});
  a.squeeze_();
  a.t_();
  std::cout << a;
}

// Near miss: the copy was rebound before the shape change.
void rebound_copy() {
  torch::Tensor a = torch::rand({1, 3});
  torch::Tensor b = a;
  b = torch::zeros({1, 3});
  a.squeeze_();
  std::cout << b;
}

// Near miss: a shape change through a temporary view changes nobody's shape.
void temporary_view() {
  torch::Tensor a = torch::rand({1, 3});
  torch::Tensor b = a;
  a.view({3, 1}).t_();
  std::cout << b;
}

// BUG (a data story): the shape change through the writer settles no stale
// data read and is told as none.
void data_write_then_shape() {
  torch::Tensor a = torch::rand({1, 3});
  torch::Tensor b = a;
  b.mul_(2);
  b.squeeze_();
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-4]]:17: warning: copying 'a' into 'b' shares its storage, not its data: the in-place write through 'b' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-4]]:5: note: in-place write through 'b' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and sees the changed data
}

// BUG: only the copy's shape is read, and that is what changed: `orig`
// was kept for its old number of rows.
int64_t rows_before_unsqueeze(torch::Tensor x) {
  torch::Tensor orig = x;
  x.unsqueeze_(0);
  return orig.size(0);
// CHECK-MESSAGES: :[[@LINE-3]]:17: warning: copying 'x' into 'orig' shares its TensorImpl: 'unsqueeze_' through 'x' changes the shape 'orig' sees too; use 'x.clone()' for a tensor with its own shape [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place shape change through 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:10: note: 'orig' is read here and has the new shape
}

// BUG: `dim()` and `sizes()` of a handle copy after `t_` and `resize_`.
void shape_queries_after_shape_change() {
  torch::Tensor a = torch::rand({2, 3});
  torch::Tensor b = a;
  a.resize_({6});
  std::cout << b.dim() << "\n";
// CHECK-MESSAGES: :[[@LINE-3]]:17: warning: copying 'a' into 'b' shares its TensorImpl: 'resize_' through 'a' changes the shape 'b' sees too; use 'a.clone()' for a tensor with its own shape [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place shape change through 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:16: note: 'b' is read here and has the new shape
}

// Near miss: a data write leaves the copy's shape alone; reading only the
// shape sees nothing changed.
int64_t shape_after_data_write() {
  torch::Tensor a = torch::rand({2, 3});
  torch::Tensor b = a;
  a.mul_(2);
  return b.size(0) + b.dim() + b.numel();
}

// Near miss: a view has its own sizes; the base's shape change leaves them.
int64_t view_shape_after_squeeze() {
  torch::Tensor a = torch::rand({1, 3});
  torch::Tensor v = a.view({3, 1});
  a.squeeze_();
  return v.size(0);
}

// Near miss: a clone's shape, and the dtype of a handle copy (no shape).
void clone_shape_and_copy_dtype() {
  torch::Tensor a = torch::rand({1, 3});
  torch::Tensor c = a.clone();
  torch::Tensor b = a;
  a.squeeze_();
  std::cout << c.size(0) << b.dtype() << "\n";
}
