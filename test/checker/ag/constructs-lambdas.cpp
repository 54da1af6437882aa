// RUN: %check_aliasguard --tool=cli %s -- %ag_flags
// Lambdas: a call of a closure does what its body does to the variables it
// captures by reference (also through a `std::function` that holds it); a
// lambda's body is analysed as a function of its own.
#include <ag/ag.h>
#include <functional>
#include <iostream>

// BUG: the closure writes x in place; the earlier copy sees it.
void closure_writes_capture() {
  ag::Tensor x = ag::ones({3});
  ag::Tensor keep = x;
  auto step = [&] { x.mul_(2); };
  step();
  std::cout << keep;
// CHECK-MESSAGES: :[[@LINE-4]]:14: warning: copying 'x' into 'keep' shares its storage, not its data: the in-place write through 'x' also changes 'keep'; use 'x.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: in-place write through 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'keep' is read here and sees the changed data
}

// BUG: the same through a std::function callback.
void callback_writes_capture() {
  ag::Tensor w = ag::ones({3});
  ag::Tensor best = w;
  std::function<void()> on_step = [&w] { w.sub_(0.1f); };
  on_step();
  std::cout << best;
// CHECK-MESSAGES: :[[@LINE-4]]:14: warning: copying 'w' into 'best' shares its storage, not its data: the in-place write through 'w' also changes 'best'; use 'w.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: in-place write through 'w' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'best' is read here and sees the changed data
}

// BUG: the closure reads a capture that went stale before the call.
void closure_reads_stale_capture() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor snapshot = a;
  auto show = [&] { std::cout << snapshot; };
  a.add_(1);
  show();
// CHECK-MESSAGES: :[[@LINE-4]]:14: warning: copying 'a' into 'snapshot' shares its storage, not its data: the in-place write through 'a' also changes 'snapshot'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'snapshot' is read here and sees the changed data
}

// BUG: inside a lambda's own body.
void bug_inside_lambda_body() {
  auto f = [](ag::Tensor a) {
    ag::Tensor b = a;
    b.add_(1);
    return a.sum();
  };
// CHECK-MESSAGES: :[[@LINE-4]]:16: warning: copying 'a' into 'b' shares its storage, not its data: the in-place write through 'b' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: in-place write through 'b' here
// CHECK-MESSAGES: :[[@LINE-4]]:14: note: 'a' is read here and sees the changed data
  std::cout << f(ag::ones({3}));
}

// --- Near misses: silent -------------------------------------------------------

// A closure that only reads its captures writes nothing.
void closure_reads_only() {
  ag::Tensor x = ag::ones({3});
  ag::Tensor keep = x;
  auto total = [&] { return x.sum(); };
  std::cout << total() << keep;
}

// The snapshot is a clone.
void closure_writes_cloned() {
  ag::Tensor x = ag::ones({3});
  ag::Tensor keep = x.clone();
  auto step = [&] { x.mul_(2); };
  step();
  std::cout << keep << x;
}

// Never called: the write never happens.
void closure_never_called() {
  ag::Tensor x = ag::ones({3});
  ag::Tensor keep = x;
  auto step = [&] { x.mul_(2); };
  std::cout << keep;
  (void)sizeof(step);
}

// Reassigned std::function: which lambda runs is not known, so no claim.
void callback_reassigned(bool flip) {
  ag::Tensor w = ag::ones({3});
  ag::Tensor best = w;
  std::function<void()> cb = [&w] { w.sub_(0.1f); };
  if (flip)
    cb = [] {};
  cb();
  std::cout << best;
}

// The closure writes the variable itself, which the later read wants.
void closure_update_then_read() {
  ag::Tensor x = ag::ones({3});
  auto step = [&] { x.mul_(2); };
  step();
  std::cout << x;
}
