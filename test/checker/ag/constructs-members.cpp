// RUN: %check_aliasguard --tool=cli %s -- %ag_flags
// Member functions: a call does to the object's tensor fields what the
// method's summary says (reads, in-place writes, returns a field, binds a
// field to a parameter), so an alias made by one method, written by another
// and read by a third is found.
#include <ag/ag.h>
#include <iostream>

class Tracker {
public:
  explicit Tracker(ag::Tensor init) : state_(init) {}
  ag::Tensor snapshot() const { return state_; }
  void update(const ag::Tensor &delta) { state_.add_(delta); }
  void reset(ag::Tensor s) { state_ = s; }
  float total() const { return state_.sum().item<float>(); }
  float step_and_report(const ag::Tensor &delta) {
    ag::Tensor before = snapshot();
    update(delta);
    return before.sum().item<float>();
  }
// CHECK-MESSAGES: :[[@LINE-4]]:16: warning: copying 'snapshot()' into 'before' shares its storage, not its data: the in-place write through 'state_' also changes 'before'; use 'snapshot().clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-4]]:5: note: in-place write through 'state_' here
// CHECK-MESSAGES: :[[@LINE-4]]:19: note: 'before' is read here and sees the changed data

private:
  ag::Tensor state_;
};

// BUG: a getter's result is the field's handle; a later update changes it.
float getter_then_update() {
  Tracker t(ag::ones({3}));
  ag::Tensor before = t.snapshot();
  t.update(ag::ones({3}));
  return before.sum().item<float>() - t.total();
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying 't.snapshot()' into 'before' shares its storage, not its data: the in-place write through 't.state_' also changes 'before'; use 't.snapshot().clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 't.state_' here
// CHECK-MESSAGES: :[[@LINE-3]]:17: note: 'before' is read here and sees the changed data
}

// BUG: the constructor keeps the caller's tensor; update() writes it.
float constructor_keeps_argument() {
  ag::Tensor x = ag::zeros({3});
  Tracker t(x);
  t.update(ag::ones({3}));
  return x.sum().item<float>();
// CHECK-MESSAGES: :[[@LINE-3]]:11: warning: copying 'x' into 't.state_' shares its storage, not its data: the in-place write through 't.state_' also changes 'x'; use 'x.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 't.state_' here
// CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'x' is read here and sees the changed data
}

// BUG: a setter binds the field to the argument, which is then written and
// read by a third method.
float setter_then_caller_write() {
  Tracker t(ag::zeros({3}));
  ag::Tensor s = ag::ones({3});
  t.reset(s);
  s.mul_(2);
  return t.total();
// CHECK-MESSAGES: :[[@LINE-3]]:5: warning: copying 's' into 't.state_' shares its storage, not its data: the in-place write through 's' also changes 't.state_'; use 's.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 's' here
// CHECK-MESSAGES: :[[@LINE-3]]:12: note: 't.state_' is read here and sees the changed data
}

// --- Near misses: silent -------------------------------------------------------

// The snapshot is a clone.
float cloned_snapshot() {
  Tracker t(ag::ones({3}));
  ag::Tensor before = t.snapshot().clone();
  t.update(ag::ones({3}));
  return before.sum().item<float>() - t.total();
}

// The object's own state after its update is what the caller wants.
float update_then_total() {
  Tracker t(ag::ones({3}));
  t.update(ag::ones({3}));
  return t.total();
}

// A getter's result read before the update.
float read_before_update() {
  Tracker t(ag::ones({3}));
  ag::Tensor before = t.snapshot();
  float b = before.sum().item<float>();
  t.update(ag::ones({3}));
  return b - t.total();
}

// The constructor gets a clone.
float constructor_gets_clone() {
  ag::Tensor x = ag::zeros({3});
  Tracker t(x.clone());
  t.update(ag::ones({3}));
  return x.sum().item<float>();
}
