// RUN: %check_aliasguard --tool=cli --checks=aliasguard-assign-instead-of-clone %s -- %ag_flags
// The alias came from copying a handle: reported at the copy, fix-it .clone().
#include <ag/ag.h>
#include <iostream>

// Seed tutorial: "b = a" then b[0] = 99 changes a.
void tutorial_assignment() {
  ag::Tensor a = ag::tensor({1, 2, 3});
  ag::Tensor b = a;
  b[0] = 99;
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying 'a' into 'b' shares its storage, not its data: the in-place write through 'b' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: in-place write through 'b' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and sees the changed data
}

// Seed tutorial: the "backup" a1 = a before a.sub_(b) is no backup.
void tutorial_backup() {
  ag::Tensor a = ag::tensor({5., 6., 7.});
  ag::Tensor b = ag::ones({3});
  ag::Tensor a1 = a;
  a.sub_(b);
  std::cout << a1;
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying 'a' into 'a1' shares its storage, not its data: the in-place write through 'a' also changes 'a1'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a1' is read here and sees the changed data
}

// Assignment (not declaration) makes the alias; write through a compound op.
void assignment_then_compound() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b;
  b = a;
  b += 1;
  std::cout << a.sum();
// CHECK-MESSAGES: :[[@LINE-3]]:3: warning: copying 'a' into 'b' shares its storage, not its data: the in-place write through 'b' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'b' here
// CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'a' is read here and sees the changed data
}

// Conditional copy: one arm aliases.
void conditional(bool fresh) {
  ag::Tensor a = ag::ones({3});
  ag::Tensor c = fresh ? a.clone() : a;
  c.mul_(2);
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying 'a' into 'c' shares its storage, not its data: the in-place write through 'c' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'c' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and sees the changed data
}

// A copy into a member of a local struct.
struct Holder {
  ag::Tensor t;
};
void member_copy() {
  ag::Tensor a = ag::zeros({2});
  Holder h;
  h.t = a;
  h.t.fill_(1);
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-3]]:3: warning: copying 'a' into 'h.t' shares its storage, not its data: the in-place write through 'h.t' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:7: note: in-place write through 'h.t' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and sees the changed data
}

// A function that returns its parameter hands back the same storage.
ag::Tensor passthrough(ag::Tensor x) { return x; }
void returns_parameter() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor r = passthrough(a);
  r.zero_();
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-3]]:18: warning: 'r' shares storage with 'a': 'passthrough' returns its parameter, not a copy, so the in-place write through 'r' also changes 'a' [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-7]]:40: note: 'passthrough' returns its parameter here
// CHECK-MESSAGES: :[[@LINE-4]]:5: note: in-place write through 'r' here
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'a' is read here and sees the changed data
}

// Loop: the alias is re-made each iteration; the read happens in the loop.
void loop_remade(int n) {
  ag::Tensor acc = ag::zeros({3});
  for (int i = 0; i < n; ++i) {
    ag::Tensor snapshot = acc;
    acc.add_(1);
    std::cout << snapshot;
// CHECK-MESSAGES: :[[@LINE-3]]:16: warning: copying 'acc' into 'snapshot' shares its storage, not its data: the in-place write through 'acc' also changes 'snapshot'; use 'acc.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:9: note: in-place write through 'acc' here
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'snapshot' is read here and sees the changed data
  }
}

// Loop: the stale read is in the next iteration, through the back edge.
void loop_back_edge(int n) {
  ag::Tensor acc = ag::zeros({3});
  ag::Tensor prev = ag::zeros({3});
  for (int i = 0; i < n; ++i) {
    std::cout << prev;
    prev = acc;
    acc.add_(1);
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: copying 'acc' into 'prev' shares its storage, not its data: the in-place write through 'acc' also changes 'prev'; use 'acc.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-2]]:9: note: in-place write through 'acc' here
// CHECK-MESSAGES: :[[@LINE-5]]:15: note: 'prev' is read here and sees the changed data
  }
}

// Branch: the alias exists on one path only - a bug on some path is a bug.
void branch_one_path(bool c) {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = a.clone();
  if (c)
    b = a;
  b.add_(1);
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-3]]:5: warning: copying 'a' into 'b' shares its storage, not its data: the in-place write through 'b' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'b' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and sees the changed data
}

// --- Negative: must stay silent ---

void clone_is_fine() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = a.clone();
  b[0] = 99;
  std::cout << a;
}

void rebound_on_all_paths(bool c) {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = a;
  if (c)
    b = a.clone();
  else
    b = b + 1;
  b.add_(1);
  std::cout << a;
}

void no_read_after_write() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = a;
  std::cout << a;
  b.add_(1);
  std::cout << b;
}

void metadata_is_not_a_read() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = a;
  b.add_(1);
  std::cout << a.sizes()[0] << a.dim() << a.numel() << int(a.dtype());
}

void moved_from_is_dead() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = std::move(a);
  b.add_(1);
  std::cout << b;
}

void reference_is_same_handle() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor &r = a;
  r.add_(1);
  std::cout << a;
}

void loop_rebind_each_iteration(int n) {
  ag::Tensor acc = ag::zeros({3});
  for (int i = 0; i < n; ++i) {
    ag::Tensor snapshot = acc;
    snapshot = snapshot * 2;
    acc.add_(1);
    std::cout << snapshot;
  }
}
