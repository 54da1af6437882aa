// RUN: %check_aliasguard --tool=cli --checks=aliasguard-view-mutation %s -- %ag_flags
// Every view op of the model makes an alias (one story per function).
#include <ag/ag.h>
#include <iostream>

using ag::indexing::Slice;

void op_squeeze() { ag::Tensor a = ag::ones({1, 3}); ag::Tensor v = a.squeeze(); v.add_(1); std::cout << a; }
// CHECK-MESSAGES: :[[@LINE-1]]:84: warning: in-place write through 'v' also changes 'a', which is read later: 'v' is a view of 'a' ('squeeze') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:71: note: 'squeeze' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:103: note: 'a' is read here and sees the changed data
void op_unsqueeze() { ag::Tensor a = ag::ones({3}); ag::Tensor v = a.unsqueeze(0); v.add_(1); std::cout << a; }
// CHECK-MESSAGES: :[[@LINE-1]]:86: warning: in-place write through 'v' also changes 'a', which is read later: 'v' is a view of 'a' ('unsqueeze') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:70: note: 'unsqueeze' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:105: note: 'a' is read here and sees the changed data
void op_permute() { ag::Tensor a = ag::ones({2, 3}); ag::Tensor v = a.permute({1, 0}); v.add_(1); std::cout << a; }
// CHECK-MESSAGES: :[[@LINE-1]]:90: warning: in-place write through 'v' also changes 'a', which is read later: 'v' is a view of 'a' ('permute') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:71: note: 'permute' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:109: note: 'a' is read here and sees the changed data
void op_transpose() { ag::Tensor a = ag::ones({2, 3}); ag::Tensor v = a.transpose(0, 1); a.add_(1); std::cout << v; }
// CHECK-MESSAGES: :[[@LINE-1]]:92: warning: in-place write through 'a' also changes 'v', which is read later: 'v' is a view of 'a' ('transpose') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:73: note: 'transpose' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:111: note: 'v' is read here and sees the changed data
void op_expand() { ag::Tensor a = ag::ones({1, 3}); ag::Tensor v = a.expand({2, 3}); a.mul_(2); std::cout << v; }
// CHECK-MESSAGES: :[[@LINE-1]]:88: warning: in-place write through 'a' also changes 'v', which is read later: 'v' is a view of 'a' ('expand') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:70: note: 'expand' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:107: note: 'v' is read here and sees the changed data
void op_slice() { ag::Tensor a = ag::ones({6}); ag::Tensor v = a.slice(0, 0, 6, 2); v.zero_(); std::cout << a; }
// CHECK-MESSAGES: :[[@LINE-1]]:87: warning: in-place write through 'v' also changes 'a', which is read later: 'v' is a view of 'a' ('slice') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:66: note: 'slice' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:106: note: 'a' is read here and sees the changed data
void op_index() { ag::Tensor a = ag::ones({2, 2}); ag::Tensor v = a.index({Slice(), 0}); v.fill_(3); std::cout << a; }
// CHECK-MESSAGES: :[[@LINE-1]]:92: warning: in-place write through 'v' also changes 'a', which is read later: 'v' is a view of 'a' ('index') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:69: note: 'index' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:112: note: 'a' is read here and sees the changed data
void op_detach() { ag::Tensor a = ag::ones({3}); ag::Tensor v = a.detach(); v.add_(1); std::cout << a; }
// CHECK-MESSAGES: :[[@LINE-1]]:79: warning: in-place write through 'v' also changes 'a', which is read later: 'v' is a view of 'a' ('detach') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:67: note: 'detach' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:98: note: 'a' is read here and sees the changed data
void op_view_as() { ag::Tensor a = ag::ones({4}); ag::Tensor b = ag::ones({2, 2}); ag::Tensor v = a.view_as(b); v.add_(1); std::cout << a; }
// CHECK-MESSAGES: :[[@LINE-1]]:115: warning: in-place write through 'v' also changes 'a', which is read later: 'v' is a view of 'a' ('view_as') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:101: note: 'view_as' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:134: note: 'a' is read here and sees the changed data
void op_flatten() { ag::Tensor a = ag::ones({2, 2}); ag::Tensor v = a.flatten(); v.add_(1); std::cout << a; }
// CHECK-MESSAGES: :[[@LINE-1]]:84: warning: in-place write through 'v' may also change 'a', which is read later: 'v' may share storage with 'a' ('flatten' returns a view when it can) [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:71: note: 'flatten' may return a view of 'a' here (it copies only when it must)
// CHECK-MESSAGES: :[[@LINE-3]]:103: note: 'a' is read here and may see the changed data
void op_contiguous() { ag::Tensor a = ag::ones({3}); ag::Tensor v = a.contiguous(); a.add_(1); std::cout << v; }
// CHECK-MESSAGES: :[[@LINE-1]]:87: warning: in-place write through 'a' may also change 'v', which is read later: 'v' may share storage with 'a' ('contiguous' returns a view when it can) [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:71: note: 'contiguous' may return a view of 'a' here (it copies only when it must)
// CHECK-MESSAGES: :[[@LINE-3]]:106: note: 'v' is read here and may see the changed data
void op_ndarray_index() { ag::NdArray a = ag::np::zeros({2, 2}); ag::NdArray row = a[0]; row += 1; std::cout << a; }
// CHECK-MESSAGES: :[[@LINE-1]]:94: warning: in-place write through 'row' also changes 'a', which is read later: 'row' is a view of 'a' ('operator[]') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:84: note: 'operator[]' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:110: note: 'a' is read here and sees the changed data
void op_ndarray_reshape() { ag::NdArray a = ag::np::zeros({4}); ag::NdArray r = a.reshape({2, 2}); a.fill(1); std::cout << r; }
// CHECK-MESSAGES: :[[@LINE-1]]:102: warning: in-place write through 'a' may also change 'r', which is read later: 'r' may share storage with 'a' ('reshape' returns a view when it can) [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:83: note: 'reshape' may return a view of 'a' here (it copies only when it must)
// CHECK-MESSAGES: :[[@LINE-3]]:121: note: 'r' is read here and may see the changed data

// --- Negative: copies, not views ---
void not_views() {
  ag::Tensor a = ag::ones({2, 2});
  ag::Tensor s = a.sum();
  ag::Tensor m = a.matmul(a);
  ag::Tensor n = a.neg();
  ag::NdArray arr = ag::np::zeros({2});
  ag::NdArray c = arr.copy();
  ag::NdArray d = arr.astype(ag::kInt);
  s.add_(1);
  m.add_(1);
  n.add_(1);
  c += 1;
  d += 1;
  std::cout << a << arr;
}
