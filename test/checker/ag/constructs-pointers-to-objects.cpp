// RUN: %check_aliasguard --tool=cli %s -- %ag_flags
// Member calls through pointers: `p->update()` does to the object's tensor
// fields what `obj.update()` does, when the pointer is a local never changed
// whose pointee is known (a local object's address, std::make_shared /
// std::make_unique). Any other pointer's object is unknown: no claim.
#include <ag/ag.h>
#include <iostream>
#include <memory>

class Tracker {
public:
  explicit Tracker(ag::Tensor init) : state_(init) {}
  ag::Tensor snapshot() const { return state_; }
  void update(const ag::Tensor &delta) { state_.add_(delta); }
  float total() const { return state_.sum().item<float>(); }

private:
  ag::Tensor state_;
};

// BUG: a raw pointer to a local object.
float raw_pointer_to_local() {
  Tracker t(ag::ones({3}));
  Tracker *p = &t;
  ag::Tensor before = p->snapshot();
  p->update(ag::ones({3}));
  return before.sum().item<float>();
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying 'p->snapshot()' into 'before' shares its storage, not its data: the in-place write through 't.state_' also changes 'before'; use 'p->snapshot().clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:6: note: in-place write through 't.state_' here
// CHECK-MESSAGES: :[[@LINE-3]]:17: note: 'before' is read here and sees the changed data
}

// BUG: the object itself and a pointer to it are one object.
float object_and_pointer() {
  Tracker t(ag::ones({3}));
  Tracker *p = &t;
  ag::Tensor before = t.snapshot();
  p->update(ag::ones({3}));
  return before.sum().item<float>();
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying 't.snapshot()' into 'before' shares its storage, not its data: the in-place write through 't.state_' also changes 'before'; use 't.snapshot().clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:6: note: in-place write through 't.state_' here
// CHECK-MESSAGES: :[[@LINE-3]]:17: note: 'before' is read here and sees the changed data
}

// BUG: std::make_shared's object, through a copy of the shared_ptr.
float shared_pointer() {
  auto sp = std::make_shared<Tracker>(ag::ones({3}));
  auto other = sp;
  ag::Tensor before = sp->snapshot();
  other->update(ag::ones({3}));
  return before.sum().item<float>();
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying 'sp->snapshot()' into 'before' shares its storage, not its data: the in-place write through 'sp->state_' also changes 'before'; use 'sp->snapshot().clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:10: note: in-place write through 'sp->state_' here
// CHECK-MESSAGES: :[[@LINE-3]]:17: note: 'before' is read here and sees the changed data
}

// BUG: std::make_unique's object.
float unique_pointer() {
  auto up = std::make_unique<Tracker>(ag::ones({3}));
  ag::Tensor before = up->snapshot();
  up->update(ag::ones({3}));
  return before.sum().item<float>();
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying 'up->snapshot()' into 'before' shares its storage, not its data: the in-place write through 'up->state_' also changes 'before'; use 'up->snapshot().clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:7: note: in-place write through 'up->state_' here
// CHECK-MESSAGES: :[[@LINE-3]]:17: note: 'before' is read here and sees the changed data
}

// --- Near misses: silent -------------------------------------------------------

// The snapshot is a clone.
float shared_pointer_clone() {
  auto sp = std::make_shared<Tracker>(ag::ones({3}));
  ag::Tensor before = sp->snapshot().clone();
  sp->update(ag::ones({3}));
  return before.sum().item<float>() - sp->total();
}

// Read before the update.
float shared_pointer_read_first() {
  auto sp = std::make_shared<Tracker>(ag::ones({3}));
  ag::Tensor before = sp->snapshot();
  float b = before.sum().item<float>();
  sp->update(ag::ones({3}));
  return b;
}

// The pointer is reset to another object between the snapshot and the update.
float shared_pointer_reassigned() {
  auto sp = std::make_shared<Tracker>(ag::ones({3}));
  ag::Tensor before = sp->snapshot();
  sp = std::make_shared<Tracker>(ag::zeros({3}));
  sp->update(ag::ones({3}));
  return before.sum().item<float>();
}

// A pointer parameter: the object is unknown.
float pointer_parameter(Tracker *p, Tracker *q) {
  ag::Tensor before = p->snapshot();
  q->update(ag::ones({3}));
  return before.sum().item<float>();
}

// A raw pointer that is changed: its pointee is not followed.
float raw_pointer_changed(bool c) {
  Tracker a(ag::ones({3})), b(ag::ones({3}));
  Tracker *p = &a;
  ag::Tensor before = p->snapshot();
  if (c)
    p = &b;
  p->update(ag::ones({3}));
  return before.sum().item<float>();
}

// A smart pointer field: its object is unknown (set elsewhere).
class Agent {
public:
  float step() {
    ag::Tensor before = tracker_->snapshot();
    tracker_->update(ag::ones({3}));
    return before.sum().item<float>();
  }

private:
  std::shared_ptr<Tracker> tracker_;
};

// Each make_shared is a new object: the previous iteration's snapshot is
// not the new object's state.
void new_object_each_iteration() {
  ag::Tensor prev;
  for (int i = 0; i < 3; ++i) {
    auto sp = std::make_shared<Tracker>(ag::ones({3}));
    sp->update(ag::ones({3}));
    std::cout << prev;
    prev = sp->snapshot();
  }
}

// Two objects: updating one leaves the other's snapshot alone.
float two_objects() {
  auto a = std::make_shared<Tracker>(ag::ones({3}));
  auto b = std::make_shared<Tracker>(ag::ones({3}));
  ag::Tensor before = a->snapshot();
  b->update(ag::ones({3}));
  return before.sum().item<float>();
}
