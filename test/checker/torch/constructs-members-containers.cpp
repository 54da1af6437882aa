// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// Issue 11's constructs on torch::Tensor (the ag tests cover each in depth):
// member functions (a getter, a constructor keeping its argument), a
// template whose bug exists only for tensors, elements of std::vector /
// std::map / std::optional and range-for loop variables, and a copy of a
// stale handle.
#include <torch/torch.h>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

class RunningMean {
public:
  explicit RunningMean(torch::Tensor init) : mean_(init) {}
  void update(const torch::Tensor &x) { mean_.mul_(0.9).add_(x, 0.1); }
  torch::Tensor mean() const { return mean_; }

private:
  torch::Tensor mean_;
};

// BUG: the getter's result is the field's handle; update() changes it.
void getter_then_update() {
  RunningMean m(torch::zeros({3}));
  torch::Tensor before = m.mean();
  m.update(torch::ones({3}));
  std::cout << before;
// CHECK-MESSAGES: :[[@LINE-3]]:17: warning: copying 'm.mean()' into 'before' shares its storage, not its data: the in-place write through 'm.mean_' also changes 'before'; use 'm.mean().clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'm.mean_' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'before' is read here and sees the changed data
}

// BUG: the constructor keeps the caller's tensor, which update() writes.
void constructor_keeps_argument() {
  torch::Tensor init = torch::zeros({3});
  RunningMean m(init);
  m.update(torch::ones({3}));
  std::cout << init;
// CHECK-MESSAGES: :[[@LINE-3]]:15: warning: copying 'init' into 'm.mean_' shares its storage, not its data: the in-place write through 'm.mean_' also changes 'init'; use 'init.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'm.mean_' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'init' is read here and sees the changed data
}

// BUG: only in scaled<torch::Tensor>, where 'y = x' copies a handle (and
// reported once, in the template).
template <typename T> T scaled(T x) {
  T y = x;
  y *= 2;
  return y + x;
// CHECK-MESSAGES: :[[@LINE-3]]:5: warning: copying 'x' into 'y' shares its storage, not its data: the in-place write through 'y' also changes 'x'; use 'x.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'y' here
// CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'x' is read here and sees the changed data
}
void template_instances() {
  torch::Tensor t = torch::ones({2});
  std::cout << scaled(t) << scaled(torch::zeros({2})) << scaled(3.0);
}

// BUG: a range-for reference writes the elements; an earlier copy of one
// is read.
void range_for_writes() {
  std::vector<torch::Tensor> v = {torch::ones({2}), torch::ones({2})};
  torch::Tensor first = v[0];
  for (auto &e : v)
    e.zero_();
  std::cout << first;
// CHECK-MESSAGES: :[[@LINE-4]]:17: warning: copying 'v[0]' into 'first' shares its storage, not its data: the in-place write through 'v' also changes 'first'; use 'v[0].clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:7: note: in-place write through 'v' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'first' is read here and sees the changed data
}

// BUG: a map's mapped tensor, copied out and written.
void map_value() {
  std::map<std::string, torch::Tensor> state{{"h", torch::zeros({2})}};
  torch::Tensor h = state["h"];
  h.add_(1);
  std::cout << state["h"];
// CHECK-MESSAGES: :[[@LINE-3]]:17: warning: copying 'state["h"]' into 'h' shares its storage, not its data: the in-place write through 'h' also changes 'state'; use 'state["h"].clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'h' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'state' is read here and sees the changed data
}

// BUG: the "backup" is a handle copy, so restoring it restores nothing.
void restore_backup(torch::Tensor a, const torch::Tensor &b) {
  torch::Tensor a1 = a;
  a.sub_(b);
  a = a1;
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-4]]:17: warning: copying 'a' into 'a1' shares its storage, not its data: the in-place write through 'a' also changes 'a1'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-4]]:5: note: in-place write through 'a' here
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'a' gets the storage of 'a1', with the changed data, here
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'a' is read here and sees the changed data
}

// Near misses: the getter's result cloned; the constructor given a clone;
// the template over a clone; a range-for by value over clones; the map
// value cloned; the backup cloned; an optional's value copied and only read.
void getter_cloned() {
  RunningMean m(torch::zeros({3}));
  torch::Tensor before = m.mean().clone();
  m.update(torch::ones({3}));
  std::cout << before;
}
void constructor_given_clone() {
  torch::Tensor init = torch::zeros({3});
  RunningMean m(init.clone());
  m.update(torch::ones({3}));
  std::cout << init;
}
template <typename T> T scaled_copy(T x) {
  T y = x.clone();
  y *= 2;
  return y + x;
}
void template_clone() { std::cout << scaled_copy(torch::ones({2})); }
void range_for_over_clones() {
  std::vector<torch::Tensor> v = {torch::ones({2})};
  torch::Tensor first = v[0].clone();
  for (auto &e : v)
    e.zero_();
  std::cout << first;
}
void map_value_cloned() {
  std::map<std::string, torch::Tensor> state{{"h", torch::zeros({2})}};
  torch::Tensor h = state["h"].clone();
  h.add_(1);
  std::cout << state["h"];
}
void backup_cloned(torch::Tensor a, const torch::Tensor &b) {
  torch::Tensor a1 = a.clone();
  a.sub_(b);
  a = a1;
  std::cout << a;
}
void optional_read_only() {
  std::optional<torch::Tensor> o = torch::ones({2});
  torch::Tensor e = *o;
  std::cout << e.sum() << *o;
}
// Near miss: an EMA update of a target network, each parameter copied out of
// its named_parameters() entry and written in place; the next iteration's
// copy is of another parameter, which no write has touched.
void ema_update(std::shared_ptr<torch::nn::Module> target,
                std::shared_ptr<torch::nn::Module> online, double beta) {
  torch::NoGradGuard no_grad;
  auto source = online->named_parameters();
  for (auto kv : target->named_parameters()) {
    auto p_tgt = kv.value();
    auto p_src = source[kv.key()];
    p_tgt.copy_(beta * p_tgt + (1. - beta) * p_src);
  }
}
