// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// `accessor<T, N>()` and `packed_accessor64<T, N>()` give raw access to a
// tensor's data, like `data_ptr<T>()`: assigning to `a[i][j]` writes the
// tensor. That is the tensor's own write (how kernels fill tensors), so only
// another handle of its storage read afterwards sees data it did not expect.
#include <torch/torch.h>
#include <iostream>

// BUG: the flattened view was taken before the element was set.
void accessor_write() {
  torch::Tensor x = torch::zeros({2, 2});
  torch::Tensor flat = x.view({-1});
  auto a = x.accessor<float, 2>();
  a[0][1] = 5;
  std::cout << flat;
// CHECK-MESSAGES: :[[@LINE-2]]:11: warning: in-place write through 'x' also changes 'flat', which is read later: 'flat' is a view of 'x' ('view') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:26: note: 'view' creates a view of 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'flat' is read here and sees the changed data
}

// BUG: a packed accessor, with a compound assignment.
void packed_accessor_write() {
  torch::Tensor x = torch::zeros({2, 2});
  torch::Tensor row = x[0];
  auto a = x.packed_accessor64<float, 2>();
  a[0][0] += 1;
  std::cout << row;
// CHECK-MESSAGES: :[[@LINE-2]]:11: warning: in-place write through 'x' also changes 'row', which is read later: 'row' is a view of 'x' ('operator[]') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:23: note: 'operator[]' creates a view of 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'row' is read here and sees the changed data
}

// Near misses: the tensor filled through its own accessor and then read;
// the view cloned before the write; an accessor only read.
void fill_own_tensor() {
  torch::Tensor x = torch::empty({2, 2});
  auto a = x.accessor<float, 2>();
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      a[i][j] = float(i * 2 + j);
  std::cout << x;
}
void view_cloned_first() {
  torch::Tensor x = torch::zeros({2, 2});
  torch::Tensor flat = x.view({-1}).clone();
  auto a = x.accessor<float, 2>();
  a[0][1] = 5;
  std::cout << flat;
}
void read_only_accessor() {
  torch::Tensor x = torch::ones({2, 2});
  torch::Tensor flat = x.view({-1});
  auto a = x.accessor<float, 2>();
  float sum = 0;
  for (int i = 0; i < 2; ++i)
    sum += a[i][0];
  std::cout << flat << sum;
}
