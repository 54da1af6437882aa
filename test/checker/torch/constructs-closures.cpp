// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// Closures with LibTorch: a by-copy capture is a handle copy, so a `mutable`
// lambda, which asks for copies of its own, writing one in place writes the
// caller's tensor (without `mutable`, in-place ops, const methods of
// at::Tensor, may write through a shared handle on purpose: no claim);
// a closure passed to a function that calls it, or to std::for_each, does
// its effects at that call; member calls through std::shared_ptr apply the
// method's field effects.
#include <torch/torch.h>
#include <algorithm>
#include <functional>
#include <iostream>
#include <memory>
#include <vector>

void for_each_batch(const std::function<void()> &body) { body(); }
void register_hook(const std::function<void()> &hook);

// BUG: the "normalize" closure captured x by copy and scales it in place.
float bycopy_capture_written() {
  torch::Tensor x = torch::randn({4});
  auto normalize = [x]() mutable { x.div_(x.norm()); };
  normalize();
  return x.sum().item<float>();
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: the lambda 'normalize' writes its by-copy capture of 'x' in place: the copy shares the storage of 'x', which is read later and sees the change; capture a clone or write out of place [aliasguard-inplace-read-later]
// CHECK-MESSAGES: :[[@LINE-4]]:21: note: 'x' captured by copy here: the copy shares its storage
// CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'x' is read here and sees the changed data
}

// BUG: a callback run by a function that calls it writes a capture; the
// earlier handle copy sees it.
void callback_writes_capture() {
  torch::Tensor running = torch::zeros({4});
  torch::Tensor at_start = running;
  for_each_batch([&] { running.add_(torch::ones({4})); });
  std::cout << at_start;
// CHECK-MESSAGES: :[[@LINE-3]]:17: warning: copying 'running' into 'at_start' shares its storage, not its data: the in-place write through 'running' also changes 'at_start'; use 'running.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: in-place write through 'running' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'at_start' is read here and sees the changed data
}

// BUG: std::for_each scales each parameter in place; the snapshot is a
// handle copy of the first.
void for_each_scales_parameters() {
  std::vector<torch::Tensor> params = {torch::randn({2}), torch::randn({2})};
  torch::Tensor first = params[0];
  std::for_each(params.begin(), params.end(), [](torch::Tensor &p) { p.mul_(0.5); });
  std::cout << first;
// CHECK-MESSAGES: :[[@LINE-3]]:17: warning: copying 'params[0]' into 'first' shares its storage, not its data: the in-place write through 'params' also changes 'first'; use 'params[0].clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: in-place write through 'params' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'first' is read here and sees the changed data
}

class Ema {
public:
  explicit Ema(torch::Tensor init) : avg_(init) {}
  torch::Tensor value() const { return avg_; }
  void update(const torch::Tensor &x) { avg_.mul_(0.9).add_(x, 0.1); }

private:
  torch::Tensor avg_;
};

// BUG: a getter's result through a shared_ptr, then an update through it.
float ema_through_shared_ptr() {
  auto ema = std::make_shared<Ema>(torch::zeros({4}));
  torch::Tensor before = ema->value();
  ema->update(torch::ones({4}));
  return (ema->value() - before).abs().sum().item<float>();
// CHECK-MESSAGES: :[[@LINE-3]]:17: warning: copying 'ema->value()' into 'before' shares its storage, not its data: the in-place write through 'ema->avg_' also changes 'before'; use 'ema->value().clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: in-place write through 'ema->avg_' here
// CHECK-MESSAGES: :[[@LINE-3]]:24: note: 'before' is read here and sees the changed data
}

// --- Near misses: silent -------------------------------------------------------

// The capture is a clone.
float clone_captured() {
  torch::Tensor x = torch::randn({4});
  auto normalize = [y = x.clone()] { y.div_(y.norm()); };
  normalize();
  return x.sum().item<float>();
}

// Not `mutable`: the handle may be shared on purpose, as in a parallel loop's
// body writing its output.
torch::Tensor shared_output() {
  torch::Tensor out = torch::empty({4});
  auto body = [out](int64_t begin, int64_t end) { out.slice(0, begin, end).fill_(1); };
  body(0, 4);
  return out;
}

// A by-copy capture only read.
float capture_read_only() {
  torch::Tensor x = torch::randn({4});
  auto norm = [x] { return x.norm().item<float>(); };
  return norm() + x.sum().item<float>();
}

// A hook stored by a function we cannot see: it may never run here.
void hook_registered() {
  torch::Tensor running = torch::zeros({4});
  torch::Tensor at_start = running;
  register_hook([&] { running.add_(torch::ones({4})); });
  std::cout << at_start;
}

// The snapshot is cloned before the update.
float ema_clone() {
  auto ema = std::make_shared<Ema>(torch::zeros({4}));
  torch::Tensor before = ema->value().clone();
  ema->update(torch::ones({4}));
  return (ema->value() - before).abs().sum().item<float>();
}
