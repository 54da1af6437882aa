// RUN: %check_aliasguard --tool=cli %s -- %ag_flags
// Closures beyond a direct call with by-reference captures: a by-copy
// capture of a tensor is a handle copy, so a body writing it in place writes
// the storage the closure copied (when it was made); a closure passed to a
// function whose body calls it (or to std::for_each and the other listed
// algorithms) does its effects at that call. Unknown callees never run it.
#include <ag/ag.h>
#include <algorithm>
#include <functional>
#include <iostream>
#include <vector>

template <class F> void apply(F f) { f(); }
template <class F> void apply_forwarded(F &&f) { std::forward<F>(f)(); }
void run(const std::function<void()> &callback) { callback(); }
void run_via(const std::function<void()> &callback) { run(callback); }
template <class F> void keep_for_later(F) {}
void register_callback(const std::function<void()> &callback);

// --- By-copy captures written in the body --------------------------------------

// BUG: the closure's copy of t shares t's storage: calling it changes t.
float bycopy_capture_written() {
  ag::Tensor t = ag::ones({3});
  auto bump = [t]() mutable { t.add_(1); };
  bump();
  return t.sum().item<float>();
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: the lambda 'bump' writes its by-copy capture of 't' in place: the copy shares the storage of 't', which is read later and sees the change; capture a clone or write out of place [aliasguard-inplace-read-later]
// CHECK-MESSAGES: :[[@LINE-4]]:16: note: 't' captured by copy here: the copy shares its storage
// CHECK-MESSAGES: :[[@LINE-3]]:12: note: 't' is read here and sees the changed data
}

// BUG: an alias of t taken before the capture sees the write too.
void bycopy_capture_written_alias_read() {
  ag::Tensor t = ag::ones({3});
  ag::Tensor keep = t;
  auto bump = [t]() mutable { t.mul_(2); };
  bump();
  std::cout << keep;
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: the lambda 'bump' writes its by-copy capture of 't' in place: the copy shares the storage of 't', which is read later and sees the change; capture a clone or write out of place [aliasguard-inplace-read-later]
// CHECK-MESSAGES: :[[@LINE-4]]:16: note: 't' captured by copy here: the copy shares its storage
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'keep' is read here and sees the changed data
}

// BUG: t is rebound after the capture; the closure still writes the storage
// it copied, which keep holds.
void bycopy_capture_rebound_alias_read() {
  ag::Tensor t = ag::ones({3});
  ag::Tensor keep = t;
  auto bump = [t]() mutable { t.add_(1); };
  t = ag::zeros({3});
  bump();
  std::cout << keep;
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: the lambda 'bump' writes its by-copy capture of 't' in place: the copy shares the storage of 't', which is read later and sees the change; capture a clone or write out of place [aliasguard-inplace-read-later]
// CHECK-MESSAGES: :[[@LINE-5]]:16: note: 't' captured by copy here: the copy shares its storage
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'keep' is read here and sees the changed data
}

// BUG: an init-capture `[w = x]` is a handle copy of x.
float init_capture_written() {
  ag::Tensor x = ag::ones({3});
  auto scale = [w = x]() mutable { w.mul_(3); };
  scale();
  return x.sum().item<float>();
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: the lambda 'scale' writes its by-copy capture of 'x' in place: the copy shares the storage of 'x', which is read later and sees the change; capture a clone or write out of place [aliasguard-inplace-read-later]
// CHECK-MESSAGES: :[[@LINE-4]]:17: note: 'x' captured by copy here: the copy shares its storage
// CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'x' is read here and sees the changed data
}

// BUG: the same through a std::function holding the lambda.
void bycopy_capture_std_function() {
  ag::Tensor t = ag::ones({3});
  std::function<void()> bump = [t]() mutable { t.add_(1); };
  bump();
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: the lambda 'bump' writes its by-copy capture of 't' in place: the copy shares the storage of 't', which is read later and sees the change; capture a clone or write out of place [aliasguard-inplace-read-later]
// CHECK-MESSAGES: :[[@LINE-4]]:33: note: 't' captured by copy here: the copy shares its storage
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 't' is read here and sees the changed data
}

// --- Closures passed to functions ----------------------------------------------

// BUG: std::for_each runs the closure on each element of v in place; keep is
// a handle copy of v[0].
void for_each_writes_elements() {
  std::vector<ag::Tensor> v = {ag::ones({3}), ag::ones({3})};
  ag::Tensor keep = v[0];
  std::for_each(v.begin(), v.end(), [](ag::Tensor &e) { e.mul_(2); });
  std::cout << keep;
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying 'v[0]' into 'keep' shares its storage, not its data: the in-place write through 'v' also changes 'keep'; use 'v[0].clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: in-place write through 'v' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'keep' is read here and sees the changed data
}

// BUG: std::transform's closure writes a by-reference capture.
void transform_writes_capture() {
  ag::Tensor total = ag::zeros({3});
  ag::Tensor before = total;
  std::vector<float> in = {1, 2}, out(2);
  std::transform(in.begin(), in.end(), out.begin(), [&](float f) {
    total.add_(f);
    return f;
  });
  std::cout << before;
// CHECK-MESSAGES: :[[@LINE-7]]:14: warning: copying 'total' into 'before' shares its storage, not its data: the in-place write through 'total' also changes 'before'; use 'total.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-6]]:3: note: in-place write through 'total' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'before' is read here and sees the changed data
}

// BUG: a template taking the closure by value calls it.
void apply_calls_closure() {
  ag::Tensor x = ag::ones({3});
  ag::Tensor keep = x;
  apply([&] { x.add_(1); });
  std::cout << keep;
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying 'x' into 'keep' shares its storage, not its data: the in-place write through 'x' also changes 'keep'; use 'x.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: in-place write through 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'keep' is read here and sees the changed data
}

// BUG: a closure variable forwarded to a template that calls it.
void apply_forwarded_closure_variable() {
  ag::Tensor x = ag::ones({3});
  ag::Tensor keep = x;
  auto step = [&] { x.add_(1); };
  apply_forwarded(step);
  std::cout << keep;
// CHECK-MESSAGES: :[[@LINE-4]]:14: warning: copying 'x' into 'keep' shares its storage, not its data: the in-place write through 'x' also changes 'keep'; use 'x.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: in-place write through 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'keep' is read here and sees the changed data
}

// BUG: a std::function parameter called by a function that gets it passed on.
void run_via_calls_callback() {
  ag::Tensor x = ag::ones({3});
  ag::Tensor keep = x;
  run_via([&] { x.sub_(1); });
  std::cout << keep;
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying 'x' into 'keep' shares its storage, not its data: the in-place write through 'x' also changes 'keep'; use 'x.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: in-place write through 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'keep' is read here and sees the changed data
}

// BUG: a `mutable` by-copy capture written, the lambda written at the call.
float apply_bycopy_capture() {
  ag::Tensor x = ag::ones({3});
  apply([x]() mutable { x.add_(1); });
  return x.sum().item<float>();
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: the lambda '[x]' writes its by-copy capture of 'x' in place: the copy shares the storage of 'x', which is read later and sees the change; capture a clone or write out of place [aliasguard-inplace-read-later]
// CHECK-MESSAGES: :[[@LINE-3]]:10: note: 'x' captured by copy here: the copy shares its storage
// CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'x' is read here and sees the changed data
}

// --- Near misses: silent -------------------------------------------------------

// The capture is a clone: the closure writes its own tensor.
float init_capture_clone() {
  ag::Tensor x = ag::ones({3});
  auto scale = [w = x.clone()]() mutable { w.mul_(3); };
  scale();
  return x.sum().item<float>();
}

// Not `mutable`: the closure may share t's handle on purpose (in-place
// methods are const); no claim.
float bycopy_capture_written_not_mutable() {
  ag::Tensor t = ag::ones({3});
  auto bump = [t] { t.add_(1); };
  bump();
  return t.sum().item<float>();
}

// Called twice: the closure's own copy is no stale reader of its own write.
void bycopy_capture_called_twice() {
  ag::Tensor t = ag::ones({3});
  auto bump = [t]() mutable { t.add_(1); };
  bump();
  bump();
}

// A by-copy capture only read.
float bycopy_capture_read_only() {
  ag::Tensor t = ag::ones({3});
  auto total = [t] { return t.sum().item<float>(); };
  float first = total();
  return first + t.sum().item<float>();
}

// Defined, never called.
float bycopy_capture_never_called() {
  ag::Tensor t = ag::ones({3});
  auto bump = [t]() mutable { t.add_(1); };
  (void)sizeof(bump);
  return t.sum().item<float>();
}

// t is rebound after the capture: the write goes to the old storage, which
// nobody reads.
float bycopy_capture_rebound() {
  ag::Tensor t = ag::ones({3});
  auto bump = [t]() mutable { t.add_(1); };
  t = ag::zeros({3});
  bump();
  return t.sum().item<float>();
}

// The body rebinds its copy first: it writes a storage of its own.
float bycopy_capture_rebound_in_body() {
  ag::Tensor t = ag::ones({3});
  auto bump = [t]() mutable {
    t = t.clone();
    t.add_(1);
  };
  bump();
  return t.sum().item<float>();
}

// Another capture is written, not the one read.
float bycopy_other_capture_written() {
  ag::Tensor t = ag::ones({3});
  ag::Tensor u = ag::ones({3});
  auto bump = [t, u]() mutable {
    t.add_(1);
    return u.sum();
  };
  bump();
  return u.sum().item<float>();
}

// Passed to functions that never call it (a template that drops it, a
// function we cannot see): no claim.
void closure_passed_to_unknown() {
  ag::Tensor x = ag::ones({3});
  ag::Tensor keep = x;
  keep_for_later([&] { x.add_(1); });
  register_callback([&] { x.add_(1); });
  std::cout << keep;
}

// for_each over elements, the copy a clone.
void for_each_clone_kept() {
  std::vector<ag::Tensor> v = {ag::ones({3}), ag::ones({3})};
  ag::Tensor keep = v[0].clone();
  std::for_each(v.begin(), v.end(), [](ag::Tensor &e) { e.mul_(2); });
  std::cout << keep << v[0];
}

// for_each that only reads the elements.
void for_each_reads() {
  std::vector<ag::Tensor> v = {ag::ones({3}), ag::ones({3})};
  ag::Tensor keep = v[0];
  float sum = 0;
  std::for_each(v.begin(), v.end(), [&](const ag::Tensor &e) { sum += e.sum().item<float>(); });
  std::cout << keep << sum;
}

// The closure writes the variable itself, which the later read wants.
void apply_update_then_read() {
  ag::Tensor x = ag::ones({3});
  apply([&] { x.add_(1); });
  std::cout << x;
}
