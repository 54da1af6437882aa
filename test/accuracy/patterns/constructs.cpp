// Self-written minimal programs for the constructs met in the real-code triage
// (docs/accuracy.md). Each function is one story: BUG (a later read sees changed data, or
// the data is gone) or OK (idiomatic code that must stay silent). The comment after the
// marker says what the frozen baseline checker reported on it (see docs/accuracy.md for the
// command); the lead turns them into lit tests (BUG + near-miss) when the analysis handles
// the construct. Nothing here is copied from the fetched repositories. Baseline run:
//   aliasguard constructs.cpp -- -std=c++17 -I/usr/include/torch/csrc/api/include
#include <torch/torch.h>

#include <cstdint>
#include <iostream>
#include <vector>

// --- A dataset transform that writes the example it is given ---------------------------
// BUG: get() returns a view of the stored tensor (as MNIST::get does), the transform
// normalizes it in place, so every epoch normalizes the stored data again.
// Baseline: param-mutation at the sub_ in operator() (callee only; no dataset story).
struct Store : torch::data::datasets::Dataset<Store> {
  torch::Tensor images = torch::rand({8, 4});
  torch::data::Example<> get(size_t i) override { return {images[i], torch::tensor(0)}; }
  torch::optional<size_t> size() const override { return 8; }
};
struct ScaleInPlace : torch::data::transforms::TensorTransform<> {
  torch::Tensor operator()(torch::Tensor input) override { return input.sub_(0.5).div_(0.2); }
};
struct ScaleCopy : torch::data::transforms::TensorTransform<> {  // OK: out of place
  torch::Tensor operator()(torch::Tensor input) override { return (input - 0.5) / 0.2; }
};
void two_epochs() {
  auto data = Store().map(ScaleInPlace());
  for (int epoch = 0; epoch < 2; ++epoch)
    std::cout << data.get_batch({0})[0].data.sum() << "\n";  // epoch 2 prints other numbers
}

// --- from_blob over a local buffer that does not outlive the tensor ---------------------
// BUG: the vector dies at return; the tensor's data dangles (read later by the caller).
// Baseline: silent (no dangling-from_blob check yet, issue 15).
torch::Tensor to_tensor_dangling(const std::vector<uint8_t> &pixels) {
  std::vector<float> buf(pixels.begin(), pixels.end());
  return torch::from_blob(buf.data(), {(int64_t)buf.size()});
}
torch::Tensor to_tensor_ok(const std::vector<uint8_t> &pixels) {  // OK: cloned
  std::vector<float> buf(pixels.begin(), pixels.end());
  return torch::from_blob(buf.data(), {(int64_t)buf.size()}).clone();
}

// --- helpers whose purpose is to update their argument ----------------------------------
// OK: a void helper that converts boxes in place; its caller wants the new values.
// Baseline: param-mutation (false positive).
void center_to_corner(torch::Tensor boxes) {
  boxes.select(1, 0) -= boxes.select(1, 2) / 2;
  boxes.select(1, 1) -= boxes.select(1, 3) / 2;
}
void use_boxes() {
  auto boxes = torch::rand({3, 4});
  center_to_corner(boxes);
  std::cout << boxes << "\n";
}
// OK: a mutate-and-return helper whose only caller rebinds the argument to the result.
// Baseline: param-mutation (false positive).
torch::Tensor drop_path(torch::Tensor x, double p) {
  x.div_(1.0 - p);
  return x;
}
torch::Tensor block(torch::Tensor x) {
  x = torch::relu(x) * 2;
  x = drop_path(x, 0.1);
  return x + 1;
}
// OK: every caller passes a fresh temporary.
// Baseline: param-mutation (false positive).
torch::Tensor clamp_scores(torch::Tensor scores) {
  scores.clamp_(0, 1);
  return scores;
}
torch::Tensor scores_of(torch::Tensor logits) { return clamp_scores(logits.sigmoid() * 1.2); }

// --- layout-aware may-views --------------------------------------------------------------
// OK: x.t().contiguous() is always a copy for a 2-d x with both sizes > 1.
// Baseline: param-mutation "write through 'y' to parameter 'x'" (false positive).
torch::Tensor transposed_copy(const torch::Tensor &x) {
  auto y = x.t().contiguous();
  y.mul_(2);
  return y;
}
// BUG (latent when the caller passes float): to(kFloat) returns x itself for a float x,
// so the normalization writes the caller's tensor.
// Baseline: param-mutation, worded as certain (should say "may": to() copies for other dtypes).
torch::Tensor normalized(torch::Tensor x) {
  auto y = x.to(torch::kFloat);
  y.sub_(y.min()).div_(y.max() - y.min());
  return y;
}

// --- autograd metadata is not data ------------------------------------------------------
// OK: requires_grad_ does not change the numbers.
// Baseline: param-mutation "write through 'w' to parameter 'x'" (false positive).
torch::Tensor leaf(const torch::Tensor &x) {
  auto w = x.detach();
  w.requires_grad_(true);
  return w;
}

// --- a vector of numbers is a copy, not shared storage -------------------------------------
// OK: skip is a copy of a std::vector<int>; nothing is shared with the caller.
// Baseline: param-mutation "write through 'skip' to parameter 'channels'" (false positive).
std::vector<int> skip_channels(std::vector<int> channels) {
  std::vector<int> skip = channels;
  skip.back() = 0;
  return skip;
}

// --- an in-place result bound to a name that is dead ----------------------------------------
// OK: y is rebound before any read, and the later read of x wants the divided values.
// A div_ -> div fix-it here changes the returned values from [0, 1] to [0, 255].
// Baseline: inplace-read-later with exactly that fix-it (false positive, harmful fix-it).
torch::Tensor to_unit() {
  torch::Tensor x = torch::randint(0, 255, {2, 2, 3}).to(torch::kFloat).permute({2, 0, 1});
  torch::Tensor y = x.div_(255.0);
  y = x.contiguous().clone();
  return y;
}

// --- a getter returning a member handle, written by another method ------------------------
struct Rollout {
  torch::Tensor rewards = torch::zeros({4});
  const torch::Tensor &get_rewards() const { return rewards; }
  void insert(int step, float r) { rewards[step] = r; }
};
// BUG: r is the member's storage; insert writes it; the print expects the old rewards.
// Baseline: silent (no summaries for member functions).
void rollout_story() {
  Rollout s;
  auto r = s.get_rewards();
  s.insert(0, 1.0f);
  std::cout << r.sum() << "\n";
}

// --- LibTorch objects (issue 12) --------------------------------------------------------------
// BUG: a ModuleHolder copy shares the Impl, so the "target network" follows every step.
// Baseline: silent (modules and optimizer.step() not modelled, issue 12).
void target_network() {
  torch::nn::Linear online(4, 2);
  torch::nn::Linear target = online;  // target->weight is online->weight
  torch::optim::SGD opt(online->parameters(), 0.1);
  auto x = torch::rand({3, 4});
  online(x).sum().backward();
  opt.step();
  std::cout << target(x) << "\n";  // computed with the updated weights
}
// BUG: the "best" weights are a handle to the parameter that the optimizer keeps updating.
// Baseline: silent (issue 12).
void best_weights() {
  torch::nn::Linear net(4, 2);
  torch::optim::SGD opt(net->parameters(), 0.1);
  torch::Tensor best = net->weight;  // should be net->weight.clone()
  net(torch::rand({3, 4})).sum().backward();
  opt.step();
  std::cout << best << "\n";
}

int main() {
  two_epochs();
  std::cout << to_tensor_dangling({1, 2}) << to_tensor_ok({1, 2}) << "\n";
  use_boxes();
  std::cout << block(torch::ones({2})) << scores_of(torch::ones({2})) << "\n";
  std::cout << transposed_copy(torch::ones({2, 3})) << normalized(torch::ones({2})) << "\n";
  std::cout << leaf(torch::ones({2})) << skip_channels({1, 2}).size() << to_unit() << "\n";
  rollout_story();
  target_network();
  best_weights();
}
