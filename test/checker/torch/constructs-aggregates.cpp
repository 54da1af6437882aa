// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// Aggregates of LibTorch tensors: tuples of recurrent state, structs
// holding tensors, structured bindings of pairs; pointers to tensors.
#include <torch/torch.h>
#include <iostream>
#include <memory>
#include <tuple>
#include <utility>

// BUG: the "initial state" tuple holds h's storage, so decaying the state
// in place changes h.
void lstm_state_tuple() {
  torch::Tensor h = torch::zeros({1, 4});
  torch::Tensor c = torch::zeros({1, 4});
  auto state = std::make_tuple(h, c);
  std::get<0>(state).mul_(0.5);
  std::cout << h;
// CHECK-MESSAGES: :[[@LINE-3]]:32: warning: copying 'h' into 'std::get<0>(state)' shares its storage, not its data: the in-place write through 'std::get<0>(state)' also changes 'h'; use 'h.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:22: note: in-place write through 'std::get<0>(state)' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'h' is read here and sees the changed data
}

struct RnnState {
  torch::Tensor h;
  torch::Tensor c;
};

// BUG: the previous state is a copy of the struct, not of its tensors.
void previous_state(RnnState s) {
  RnnState prev = s;
  s.h.add_(1);
  std::cout << prev.h - s.h;
// CHECK-MESSAGES: :[[@LINE-3]]:12: warning: copying 's.h' into 'prev.h' shares its storage, not its data: the in-place write through 's.h' also changes 'prev.h'; use 's.h.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:7: note: in-place write through 's.h' here
// CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'prev.h' is read here and sees the changed data
}

// BUG: a binding copied out of a pair shares the element's storage.
void pair_binding() {
  std::pair<torch::Tensor, torch::Tensor> pr{torch::randn({4}), torch::randn({4})};
  auto [mean, var] = pr;
  var.clamp_(0.1);
  std::cout << pr.second;
// CHECK-MESSAGES: :[[@LINE-3]]:8: warning: copying 'pr.second' into 'var' shares its storage, not its data: the in-place write through 'var' also changes 'pr.second'; use 'pr.second.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:7: note: in-place write through 'var' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'pr.second' is read here and sees the changed data
}

// --- Near misses: silent -------------------------------------------------------

// torch::max returns new tensors: writing one changes neither x nor the other.
void max_bindings(torch::Tensor x) {
  auto [values, indices] = torch::max(x, 1);
  values.mul_(2);
  std::cout << x << indices;
}

// Clones in the pair: the writes stay in the pair.
void pair_of_clones(torch::Tensor a) {
  auto pr = std::make_pair(a.clone(), a.detach().clone());
  pr.first.add_(1);
  pr.second.add_(1);
  std::cout << a << pr.first;
}

// The copy's fields are cloned before the in-place update.
void state_cloned(RnnState s) {
  RnnState prev = s;
  prev.h = s.h.clone();
  prev.c = s.c.clone();
  s.h.add_(1);
  std::cout << prev.h << prev.c;
}

// --- Pointers ------------------------------------------------------------------

// BUG: writing the hidden state through a pointer changes its saved view.
void hidden_through_pointer() {
  torch::Tensor hidden = torch::zeros({2, 4});
  torch::Tensor first_row = hidden[0];
  torch::Tensor *state = &hidden;
  state->tanh_();
  std::cout << first_row;
// CHECK-MESSAGES: :[[@LINE-2]]:10: warning: in-place write through 'hidden' also changes 'first_row', which is read later: 'first_row' is a view of 'hidden' ('operator[]') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:29: note: 'operator[]' creates a view of 'hidden' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'first_row' is read here and sees the changed data
}

// BUG: the shared pointee is copy-constructed from the weights.
void shared_weights(torch::Tensor w) {
  auto shared = std::make_shared<torch::Tensor>(w);
  shared->mul_(0.9);
  std::cout << w;
// CHECK-MESSAGES: :[[@LINE-3]]:8: warning: copying 'w' into '*shared' shares its storage, not its data: the in-place write through '*shared' also changes 'w'; use 'w.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:11: note: in-place write through '*shared' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'w' is read here and sees the changed data
}

// Silent: a pointer to a clone.
void pointer_to_clone(torch::Tensor w) {
  torch::Tensor backup = w.clone();
  torch::Tensor *p = &backup;
  p->zero_();
  std::cout << w;
}
