// RUN: %check_aliasguard --tool=cli --checks=aliasguard-view-mutation %s -- %ag_flags
// The alias came from a view: reported at the write, either direction.
#include <ag/ag.h>
#include <iostream>

// Seed tutorial: a.numpy() shares memory, then a[0] = 2.
void tutorial_numpy() {
  ag::Tensor a = ag::ones({5});
  ag::NdArray n = a.numpy();
  a[0] = 2;
  std::cout << n;
// CHECK-MESSAGES: :[[@LINE-2]]:8: warning: in-place write through 'a' also changes 'n', which is read later: 'n' is a view of 'a' ('numpy') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:21: note: 'numpy' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'n' is read here and sees the changed data
}

// Seed tutorial: from_numpy(x) shares memory, then x += 1.
void tutorial_from_numpy() {
  ag::NdArray x = ag::np::ones({5});
  ag::Tensor t = ag::from_numpy(x);
  x += 1;
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'x' also changes 't', which is read later: 't' is a view of 'x' ('from_numpy') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:18: note: 'from_numpy' creates a view of 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 't' is read here and sees the changed data
}

// Write through the view, read the base.
void write_view_read_base() {
  ag::Tensor base = ag::zeros({2, 3});
  ag::Tensor row = base.select(0, 1);
  row.fill_(7);
  std::cout << base;
// CHECK-MESSAGES: :[[@LINE-2]]:7: warning: in-place write through 'row' also changes 'base', which is read later: 'row' is a view of 'base' ('select') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:25: note: 'select' creates a view of 'base' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'base' is read here and sees the changed data
}

// Write the base, read the view (transpose, narrow, operator[]).
void write_base_read_view() {
  ag::Tensor m = ag::ones({2, 2});
  ag::Tensor mt = m.t();
  m.mul_(3);
  std::cout << mt;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'm' also changes 'mt', which is read later: 'mt' is a view of 'm' ('t') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:21: note: 't' creates a view of 'm' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'mt' is read here and sees the changed data
}

// Element assignment through a view.
void element_write_through_view() {
  ag::Tensor m = ag::ones({4});
  ag::Tensor v = m.view({2, 2});
  v[1][1] = 5;
  std::cout << m;
// CHECK-MESSAGES: :[[@LINE-2]]:11: warning: in-place write through 'v' also changes 'm', which is read later: 'v' is a view of 'm' ('view') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:20: note: 'view' creates a view of 'm' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'm' is read here and sees the changed data
}

// reshape/flatten/contiguous/to alias only sometimes: "may".
void may_share(ag::Tensor &out) {
  ag::Tensor x = ag::ones({2, 2});
  ag::Tensor flat = x.reshape({4});
  flat.add_(1);
  out = x * 2;
// CHECK-MESSAGES: :[[@LINE-2]]:8: warning: in-place write through 'flat' may also change 'x', which is read later: 'flat' may share storage with 'x' ('reshape' returns a view when it can) [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:23: note: 'reshape' may return a view of 'x' here (it copies only when it must)
// CHECK-MESSAGES: :[[@LINE-3]]:11: note: 'x' is read here and may see the changed data
  ag::Tensor y = ag::ones({3});
  ag::Tensor same = y.to(ag::kFloat);
  y.zero_();
  std::cout << same;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'y' may also change 'same', which is read later: 'same' may share storage with 'y' ('to' returns a view when it can) [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:23: note: 'to' may return a view of 'y' here (it copies only when it must)
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'same' is read here and may see the changed data
}

// A function returning a view of its parameter (interprocedural summary).
ag::Tensor first_row(const ag::Tensor &m) { return m[0]; }
void view_from_callee() {
  ag::Tensor m = ag::ones({2, 2});
  auto r = first_row(m);
  r.fill_(7);
  std::cout << m;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'r' also changes 'm', which is read later: 'r' is a view of 'm' ('first_row') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:12: note: 'r' is a view of 'm' returned by 'first_row' here
// CHECK-MESSAGES: :[[@LINE-8]]:45: note: 'first_row' returns a view of its parameter here
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'm' is read here and sees the changed data
}

// Loop: a view re-made each iteration, base read after the loop.
void loop_views(int n) {
  ag::Tensor m = ag::zeros({3, 3});
  for (int i = 0; i < n; ++i) {
    ag::Tensor row = m[i];
    row.add_(i);
  }
  std::cout << m;
// CHECK-MESSAGES: :[[@LINE-3]]:9: warning: in-place write through 'row' also changes 'm', which is read later: 'row' is a view of 'm' ('operator[]') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:22: note: 'operator[]' creates a view of 'm' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'm' is read here and sees the changed data
}

// Branch: the view is made on one path only.
void branch_view(bool c) {
  ag::Tensor a = ag::ones({4});
  ag::Tensor v = a.clone();
  if (c)
    v = a.narrow(0, 0, 2);
  v.fill_(0);
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'v' also changes 'a', which is read later: 'v' is a view of 'a' ('narrow') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:11: note: 'narrow' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and sees the changed data
}

// Raw buffer: a write through t's data pointer is t's write; v sees it.
void raw_pointer() {
  ag::Tensor t = ag::zeros({4});
  ag::Tensor v = t.view({2, 2});
  float *p = t.data_ptr<float>();
  p[0] = 1.0f;
  std::cout << v;
// CHECK-MESSAGES: :[[@LINE-2]]:8: warning: in-place write through 't' also changes 'v', which is read later: 'v' is a view of 't' ('view') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:20: note: 'view' creates a view of 't' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'v' is read here and sees the changed data
}

// Two writes through one view: one warning, at the first.
void one_story_one_warning() {
  ag::Tensor x = ag::zeros({8});
  ag::Tensor every_other = x.slice(0, 1, 8, 2);
  every_other.add_(1);
  every_other.mul_(2);
  std::cout << x;
// CHECK-MESSAGES: :[[@LINE-3]]:15: warning: in-place write through 'every_other' also changes 'x', which is read later: 'every_other' is a view of 'x' ('slice') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:30: note: 'slice' creates a view of 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'x' is read here and sees the changed data
}

// --- Negative: must stay silent ---

void temporary_view_is_own_write() {
  ag::Tensor x = ag::ones({4, 2});
  x.narrow(0, 0, 2).fill_(0);
  x[3][1] = 5;
  x.index({ag::indexing::Slice(), 0}).zero_();
  std::cout << x;
}

void view_of_clone() {
  ag::Tensor x = ag::ones({4});
  ag::Tensor v = x.clone().view({2, 2});
  v.add_(1);
  std::cout << x;
}

void view_rebound() {
  ag::Tensor x = ag::ones({4});
  ag::Tensor v = x.view({2, 2});
  v = v + 1;
  v.add_(1);
  std::cout << x;
}

void copy_of_numpy() {
  ag::Tensor a = ag::ones({3});
  ag::NdArray n = a.clone().numpy();
  a[0] = 2;
  std::cout << n;
  ag::NdArray arr = ag::np::ones({3});
  ag::Tensor t = ag::tensor(arr);
  arr += 1;
  std::cout << t;
}

void fill_through_data_ptr() {
  ag::Tensor t = ag::empty({3});
  float *p = t.data_ptr<float>();
  for (int i = 0; i < 3; ++i)
    p[i] = float(i);
  std::cout << t;
}

void view_read_before_write() {
  ag::Tensor x = ag::ones({4});
  ag::Tensor v = x.view({2, 2});
  std::cout << v;
  x.add_(1);
  std::cout << x << v.sizes()[0];
}
