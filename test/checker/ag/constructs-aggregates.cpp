// RUN: %check_aliasguard --tool=cli %s -- %ag_flags
// RUN: %check_aliasguard --tool=tidy %s -- %ag_flags
// Aggregates of tensors: std::pair / std::tuple (make_pair, make_tuple,
// braces, std::get, .first/.second, structured bindings, std::tie) and
// structs holding tensors. Each tensor element is a handle of its own:
// copying the aggregate copies the handles, not the data. And pointers to
// tensor handles: `*p` and `p->` are the pointee's handle (raw pointers to a
// named tensor, std::shared_ptr / std::unique_ptr made by make_shared).
#include <ag/ag.h>
#include <iostream>
#include <memory>
#include <tuple>
#include <utility>

std::pair<ag::Tensor, ag::Tensor> two();

// BUG: make_pair copies the handle a; pr.first holds a's storage.
void pair_make() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = ag::ones({3});
  auto pr = std::make_pair(a, b);
  pr.first.add_(1);
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-3]]:28: warning: copying 'a' into 'pr.first' shares its storage, not its data: the in-place write through 'pr.first' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:12: note: in-place write through 'pr.first' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and sees the changed data
// CHECK-FIXES: auto pr = std::make_pair(a.clone(), b);
}

// BUG: a by-value structured binding copies the elements' handles.
void binding_copy() {
  ag::Tensor a = ag::ones({3});
  std::pair<ag::Tensor, ag::Tensor> pr{a.clone(), a.clone()};
  auto [x, y] = pr;
  x.add_(1);
  std::cout << pr.first;
// CHECK-MESSAGES: :[[@LINE-3]]:8: warning: copying 'pr.first' into 'x' shares its storage, not its data: the in-place write through 'x' also changes 'pr.first'; use 'pr.first.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'pr.first' is read here and sees the changed data
}

// BUG: a reference binding is the element itself, which make_pair copied
// from b.
void binding_ref() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = ag::ones({3});
  auto pr = std::make_pair(a, b);
  auto &[x, y] = pr;
  y.mul_(2);
  std::cout << b;
// CHECK-MESSAGES: :[[@LINE-4]]:31: warning: copying 'b' into 'pr.second' shares its storage, not its data: the in-place write through 'pr.second' also changes 'b'; use 'b.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'pr.second' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'b' is read here and sees the changed data
// CHECK-FIXES: auto pr = std::make_pair(a, b.clone());
}

// BUG: std::get<1> of a tuple braced from a and b is b's storage.
void tuple_get() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = ag::ones({3});
  std::tuple<ag::Tensor, ag::Tensor> tup{a, b};
  std::get<1>(tup).add_(1);
  std::cout << b;
// CHECK-MESSAGES: :[[@LINE-3]]:45: warning: copying 'b' into 'std::get<1>(tup)' shares its storage, not its data: the in-place write through 'std::get<1>(tup)' also changes 'b'; use 'b.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:20: note: in-place write through 'std::get<1>(tup)' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'b' is read here and sees the changed data
// CHECK-FIXES: std::tuple<ag::Tensor, ag::Tensor> tup{a, b.clone()};
}

// BUG: a tensor copied out of a tuple is the element's storage.
void tuple_get_copy() {
  auto tup = std::make_tuple(ag::ones({3}), ag::zeros({3}));
  ag::Tensor e = std::get<1>(tup);
  e.mul_(2);
  std::cout << std::get<1>(tup);
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying 'std::get<1>(tup)' into 'e' shares its storage, not its data: the in-place write through 'e' also changes 'std::get<1>(tup)'; use 'std::get<1>(tup).clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'e' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'std::get<1>(tup)' is read here and sees the changed data
}

// BUG: std::tie assigns the pair's handles to x and y.
void tie_assign() {
  ag::Tensor x, y;
  auto pr = two();
  std::tie(x, y) = pr;
  x.add_(1);
  std::cout << pr.first;
// CHECK-MESSAGES: :[[@LINE-3]]:18: warning: copying 'pr.first' into 'x' shares its storage, not its data: the in-place write through 'x' also changes 'pr.first'; use 'pr.first.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'pr.first' is read here and sees the changed data
}

// BUG: copying a pair copies both handles.
void pair_copy() {
  auto pr = two();
  auto p2 = pr;
  p2.second.add_(1);
  std::cout << pr.second;
// CHECK-MESSAGES: :[[@LINE-3]]:8: warning: copying 'pr.second' into 'p2.second' shares its storage, not its data: the in-place write through 'p2.second' also changes 'pr.second'; use 'pr.second.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: in-place write through 'p2.second' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'pr.second' is read here and sees the changed data
}

// BUG: a pair moved into another still holds what make_pair copied.
void pair_moved(ag::Tensor a) {
  auto pr = std::make_pair(a, ag::zeros({3}));
  auto p2 = std::move(pr);
  p2.first.sub_(1);
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-4]]:28: warning: copying 'a' into 'p2.first' shares its storage, not its data: the in-place write through 'p2.first' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:12: note: in-place write through 'p2.first' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and sees the changed data
// CHECK-FIXES: auto pr = std::make_pair(a.clone(), ag::zeros({3}));
}

struct State {
  ag::Tensor h;
  int steps = 0;
};

// BUG: a struct copy copies its tensor fields' handles.
void struct_copy(State s1) {
  State s2 = s1;
  s2.h.add_(1);
  std::cout << s1.h;
// CHECK-MESSAGES: :[[@LINE-3]]:9: warning: copying 's1.h' into 's2.h' shares its storage, not its data: the in-place write through 's2.h' also changes 's1.h'; use 's1.h.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: in-place write through 's2.h' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 's1.h' is read here and sees the changed data
}

// BUG: so does the assignment.
void struct_assign(State s1) {
  State s2;
  s2 = s1;
  s2.h.add_(1);
  std::cout << s1.h;
// CHECK-MESSAGES: :[[@LINE-3]]:6: warning: copying 's1.h' into 's2.h' shares its storage, not its data: the in-place write through 's2.h' also changes 's1.h'; use 's1.h.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: in-place write through 's2.h' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 's1.h' is read here and sees the changed data
}

// BUG: brace-initialising a field copies the handle.
void struct_brace() {
  ag::Tensor a = ag::ones({3});
  State s{a};
  s.h.add_(1);
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-3]]:11: warning: copying 'a' into 's.h' shares its storage, not its data: the in-place write through 's.h' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:7: note: in-place write through 's.h' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and sees the changed data
// CHECK-FIXES: State s{a.clone()};
}

// BUG: a by-value structured binding of a struct copies its fields.
void struct_binding(State s) {
  auto [h, n] = s;
  h.add_(1);
  std::cout << s.h;
// CHECK-MESSAGES: :[[@LINE-3]]:8: warning: copying 's.h' into 'h' shares its storage, not its data: the in-place write through 'h' also changes 's.h'; use 's.h.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'h' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 's.h' is read here and sees the changed data
}

// BUG: a reference to a struct names its fields.
void struct_reference(State s1) {
  State s2 = s1;
  State &r = s2;
  r.h.add_(1);
  std::cout << s1.h;
// CHECK-MESSAGES: :[[@LINE-4]]:9: warning: copying 's1.h' into 's2.h' shares its storage, not its data: the in-place write through 's2.h' also changes 's1.h'; use 's1.h.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:7: note: in-place write through 's2.h' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 's1.h' is read here and sees the changed data
}

// --- Near misses: silent -------------------------------------------------------

// A clone in the pair is independent; b's element is not written.
void pair_of_clone() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = ag::ones({3});
  auto pr = std::make_pair(a.clone(), b);
  pr.first.add_(1);
  std::cout << a << b;
}

// Rebinding the element before the write ends the alias.
void pair_rebound() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = ag::ones({3});
  auto pr = std::make_pair(a, b);
  pr.first = pr.first.clone();
  pr.first.add_(1);
  std::cout << a;
}

// A function's result holds tensors of its own (and each element its own).
void bindings_of_fresh_pair() {
  auto [x, y] = two();
  x.add_(1);
  std::cout << y;
  ag::Tensor k = y;
  auto pr = two();
  pr.first.add_(1);
  std::cout << pr.second << k;
}

// A reference binding is the element: writing through it is the point.
void binding_ref_writes_element() {
  auto pr = two();
  auto &[x, y] = pr;
  x.add_(1);
  std::cout << pr.first;
}

// std::tie rebinds x: it no longer shares a's storage.
void tie_rebinds() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor x = a, y;
  std::tie(x, y) = two();
  x.add_(1);
  std::cout << a;
}

// The copy's field is replaced by a clone before the write.
void struct_field_cloned(State s1) {
  State s2 = s1;
  s2.h = s1.h.clone();
  s2.h.add_(1);
  std::cout << s1.h;
}

// Each iteration's pair is new: the copy taken in the first iteration
// does not see the next iterations' writes.
void pair_in_loop() {
  ag::Tensor keep;
  for (int i = 0; i < 3; ++i) {
    auto [x, y] = two();
    y.add_(1);
    x.add_(1);
    if (i == 0)
      keep = x;
  }
  std::cout << keep;
}

// --- Pointers to tensor handles ---------------------------------------------

// BUG: a pointer to t writes t itself, so t's view sees the write.
void pointer_write_view() {
  ag::Tensor t = ag::ones({4});
  ag::Tensor v = t.view({2, 2});
  ag::Tensor *p = &t;
  p->add_(1);
  std::cout << v;
// CHECK-MESSAGES: :[[@LINE-2]]:6: warning: in-place write through 't' also changes 'v', which is read later: 'v' is a view of 't' ('view') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:20: note: 'view' creates a view of 't' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'v' is read here and sees the changed data
}

// BUG: copying the pointee copies t's handle.
void pointer_deref_copy() {
  ag::Tensor t = ag::ones({4});
  ag::Tensor *p = &t;
  ag::Tensor c = *p;
  c.mul_(2);
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying 't' into 'c' shares its storage, not its data: the in-place write through 'c' also changes 't'; use 't.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'c' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 't' is read here and sees the changed data
}

// BUG: a pointer to an element of a pair is that element.
void pointer_to_element(ag::Tensor a) {
  auto pr = std::make_pair(a, ag::zeros({4}));
  ag::Tensor *p = &pr.first;
  p->clamp_(0, 1);
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-4]]:28: warning: copying 'a' into 'pr.first' shares its storage, not its data: the in-place write through 'pr.first' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:6: note: in-place write through 'pr.first' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and sees the changed data
}

// Silent: assigning through the pointer rebinds t; v keeps the old storage.
void pointer_assign_rebinds() {
  ag::Tensor t = ag::ones({4});
  ag::Tensor v = t.view({2, 2});
  ag::Tensor *p = &t;
  *p = ag::zeros({4});
  t.add_(1);
  std::cout << v;
}

// Silent: a pointer to a clone.
void pointer_to_clone() {
  ag::Tensor t = ag::ones({4});
  ag::Tensor c = t.clone();
  ag::Tensor *p = &c;
  p->add_(1);
  std::cout << t;
}

// Silent: writing t through its own pointer, then reading t.
void pointer_own_write() {
  ag::Tensor t = ag::ones({4});
  ag::Tensor *p = &t;
  (*p).add_(1);
  std::cout << t;
}

// Silent: a pointer that is reassigned is not followed (no claim).
void pointer_reassigned(ag::Tensor a, ag::Tensor b) {
  ag::Tensor v = a.view({-1});
  ag::Tensor *p = &a;
  p = &b;
  p->add_(1);
  std::cout << v;
}

// --- Smart pointers to tensors -------------------------------------------------

// BUG: make_shared copy-constructs the pointee from t: the same storage.
void shared_pointee_copy_of_t() {
  ag::Tensor t = ag::ones({4});
  auto sp = std::make_shared<ag::Tensor>(t);
  sp->add_(1);
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-3]]:8: warning: copying 't' into '*sp' shares its storage, not its data: the in-place write through '*sp' also changes 't'; use 't.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:7: note: in-place write through '*sp' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 't' is read here and sees the changed data
// CHECK-FIXES: auto sp = std::make_shared<ag::Tensor>(t.clone());
}

// BUG: a copy of the shared_ptr points to the same handle, whose view sees
// the write.
void shared_copy_writes_viewed_pointee() {
  auto sp = std::make_shared<ag::Tensor>(ag::ones({4}));
  auto sp2 = sp;
  ag::Tensor v = sp->view({2, 2});
  (*sp2).mul_(2);
  std::cout << v;
// CHECK-MESSAGES: :[[@LINE-2]]:10: warning: in-place write through '*sp' also changes 'v', which is read later: 'v' is a view of '*sp' ('view') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:22: note: 'view' creates a view of '*sp' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'v' is read here and sees the changed data
}

// BUG: so does make_unique.
void unique_pointee_copy_of_t() {
  ag::Tensor t = ag::ones({4});
  std::unique_ptr<ag::Tensor> up = std::make_unique<ag::Tensor>(t);
  up->zero_();
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-3]]:31: warning: copying 't' into '*up' shares its storage, not its data: the in-place write through '*up' also changes 't'; use 't.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:7: note: in-place write through '*up' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 't' is read here and sees the changed data
// CHECK-FIXES: std::unique_ptr<ag::Tensor> up = std::make_unique<ag::Tensor>(t.clone());
}

// Silent: the pointee is a clone.
void shared_pointee_clone() {
  ag::Tensor t = ag::ones({4});
  auto sp = std::make_shared<ag::Tensor>(t.clone());
  sp->add_(1);
  std::cout << t;
}

// Silent: copies of a shared_ptr are one handle, which knows its own write.
void shared_copies_one_handle() {
  auto sp = std::make_shared<ag::Tensor>(ag::ones({4}));
  auto sp2 = sp;
  sp2->add_(1);
  std::cout << *sp;
}

// Silent: assigning through the pointer rebinds the pointee.
void unique_pointee_rebound() {
  auto up = std::make_unique<ag::Tensor>(ag::ones({4}));
  ag::Tensor v = up->view({2, 2});
  *up = ag::zeros({4});
  up->add_(1);
  std::cout << v;
}

// Silent: a reset pointer is not followed (no claim).
void shared_reset(ag::Tensor t) {
  auto sp = std::make_shared<ag::Tensor>(t);
  sp.reset(new ag::Tensor(ag::ones({4})));
  sp->add_(1);
  std::cout << t;
}
