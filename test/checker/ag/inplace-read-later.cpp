// RUN: %check_aliasguard --tool=cli --checks=aliasguard-inplace-read-later %s -- %ag_flags
// An in-place write while another holder still reads the earlier value.
#include <ag/ag.h>
#include <functional>
#include <iostream>
#include <vector>

// The result of an in-place op bound to a new name: the user expected a copy.
void bound_result() {
  ag::Tensor x = ag::ones({3});
  auto y = x.mul_(2);
  std::cout << y << x;
// CHECK-MESSAGES: :[[@LINE-2]]:14: warning: 'mul_' modifies 'x' in place and returns it; its result is bound to the new name 'y', but 'x' is read later as if unchanged; use 'mul' for a new tensor [aliasguard-inplace-read-later]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: 'y' is the same tensor as 'x', not a new one
// CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'x' is read here, after 'mul_' changed it
}

// A tensor pushed into a container, then written in place.
void container_element() {
  std::vector<ag::Tensor> history;
  ag::Tensor w = ag::zeros({2});
  for (int step = 0; step < 3; ++step) {
    history.push_back(w);
    w.add_(1);
  }
  for (const ag::Tensor &h : history)
// CHECK-MESSAGES: :[[@LINE-3]]:7: warning: in-place write through 'w' also changes 'w' as stored in 'history', which is read later; store a clone or write out of place [aliasguard-inplace-read-later]
// CHECK-MESSAGES: :[[@LINE-5]]:13: note: 'w' stored in 'history' here: the element shares its storage
// CHECK-MESSAGES: :[[@LINE-3]]:28: note: 'history' is read here and sees the changed data
    std::cout << h;
}

// A lambda captured the tensor by copy (sharing storage), then it changed.
void lambda_capture() {
  ag::Tensor scale = ag::ones({3});
  auto apply = [scale](const ag::Tensor &v) { return v * scale; };
  scale.mul_(10);
  std::cout << apply(ag::ones({3}));
// CHECK-MESSAGES: :[[@LINE-2]]:9: warning: in-place write through 'scale' also changes 'scale' as captured by the lambda 'apply', which runs later; capture a clone or write out of place [aliasguard-inplace-read-later]
// CHECK-MESSAGES: :[[@LINE-4]]:17: note: 'scale' captured by copy here: the copy shares its storage
// CHECK-MESSAGES: :[[@LINE-3]]:16: note: 'apply' is read here and sees the changed data
}

// --- Negative: must stay silent ---

void bound_result_x_not_read() {
  ag::Tensor x = ag::ones({3});
  auto y = x.mul_(2);
  std::cout << y;
}

void out_of_place() {
  ag::Tensor x = ag::ones({3});
  auto y = x.mul(2);
  std::cout << y << x;
}

void reference_to_result() {
  ag::Tensor x = ag::ones({3});
  ag::Tensor &y = x.mul_(2);
  std::cout << y << x;
}

void container_of_clones() {
  std::vector<ag::Tensor> history;
  ag::Tensor w = ag::zeros({2});
  history.push_back(w.clone());
  w.add_(1);
  std::cout << history.size() << history[0];
}

void container_of_fresh_tensors() {
  std::vector<ag::Tensor> out;
  for (int i = 0; i < 3; ++i) {
    ag::Tensor t = ag::zeros({2});
    t.add_(i);
    out.push_back(t);
  }
  std::cout << out[0];
}

void lambda_by_reference() {
  ag::Tensor scale = ag::ones({3});
  auto apply = [&scale](const ag::Tensor &v) { return v * scale; };
  scale.mul_(10);
  std::cout << apply(ag::ones({3}));
}

void container_moved_in() {
  std::vector<ag::Tensor> v;
  ag::Tensor t = ag::ones({2});
  v.push_back(std::move(t));
  std::cout << v[0];
}
