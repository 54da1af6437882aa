// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// Aggregates of LibTorch tensors, continued: std::get by type, recurrent
// state passed whole, nested state tuples, functions returning pairs of
// views of their parameter.
#include <torch/torch.h>
#include <iostream>
#include <tuple>
#include <utility>

using LstmState = std::tuple<torch::Tensor, std::tuple<torch::Tensor, torch::Tensor>>;

struct RnnState {
  torch::Tensor h;
  torch::Tensor c;
};
void log_state(const RnnState &s);

// BUG: the cell state in the nested tuple is c itself.
void nested_lstm_state() {
  torch::Tensor out = torch::zeros({1, 4});
  torch::Tensor h = torch::zeros({1, 4});
  torch::Tensor c = torch::zeros({1, 4});
  LstmState state{out, {h, c}};
  std::get<1>(std::get<1>(state)).mul_(0.5);
  std::cout << c;
// CHECK-MESSAGES: :[[@LINE-3]]:28: warning: copying 'c' into 'std::get<1>(std::get<1>(state))' shares its storage, not its data: the in-place write through 'std::get<1>(std::get<1>(state))' also changes 'c'; use 'c.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:35: note: in-place write through 'std::get<1>(std::get<1>(state))' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'c' is read here and sees the changed data
}

// BUG: std::get by type of the only tensor in a (tensor, step) pair.
void get_by_type(torch::Tensor grad) {
  std::pair<torch::Tensor, int64_t> entry{grad, 0};
  grad.zero_();
  std::cout << std::get<torch::Tensor>(entry);
// CHECK-MESSAGES: :[[@LINE-3]]:43: warning: copying 'grad' into 'entry.first' shares its storage, not its data: the in-place write through 'grad' also changes 'entry.first'; use 'grad.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: in-place write through 'grad' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'entry.first' is read here and sees the changed data
}

// BUG: logging the state reads h, which a view of hidden made.
void state_passed_whole(torch::Tensor hidden) {
  RnnState s{hidden.view({1, -1}), torch::zeros({1, 4})};
  hidden.add_(1);
  log_state(s);
// CHECK-MESSAGES: :[[@LINE-2]]:10: warning: in-place write through 'hidden' also changes 's.h', which is read later: 's.h' is a view of 'hidden' ('view') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:21: note: 'view' creates a view of 'hidden' here
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: 's.h' is read here and sees the changed data
}

std::pair<torch::Tensor, torch::Tensor> halves(torch::Tensor x) {
  return {x.narrow(0, 0, 2), x.narrow(0, 2, 2)};
}

// BUG: halves returns views of x; writing x changes them.
void halves_then_write() {
  torch::Tensor x = torch::ones({4});
  auto [lo, hi] = halves(x);
  x.mul_(2);
  std::cout << hi;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'x' also changes 'hi', which is read later: 'hi' is a view of 'x' ('halves') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:19: note: 'hi' is a view of 'x' returned by 'halves' here
// CHECK-MESSAGES: :[[@LINE-11]]:3: note: 'halves' returns a view of its parameter here
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'hi' is read here and sees the changed data
}

// --- Near misses: silent -------------------------------------------------------

// The state holds clones.
void state_of_clones(torch::Tensor hidden) {
  RnnState s{hidden.clone(), hidden.clone()};
  hidden.add_(1);
  log_state(s);
}

// Disjoint halves: writing one leaves the other alone.
void halves_disjoint() {
  torch::Tensor x = torch::ones({4});
  auto [lo, hi] = halves(x);
  lo.mul_(2);
  std::cout << hi;
}

// The nested element is rebound before the write.
void nested_rebound() {
  torch::Tensor h = torch::zeros({1, 4});
  torch::Tensor c = torch::zeros({1, 4});
  LstmState state{torch::zeros({1, 4}), {h, c}};
  std::get<1>(std::get<1>(state)) = c.clone();
  std::get<1>(std::get<1>(state)).mul_(0.5);
  std::cout << c;
}
