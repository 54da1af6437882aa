// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// `named_parameters()` / `named_buffers()` return an OrderedDict of handles
// to the module's tensors: an entry's value kept as a "snapshot" changes
// with every optimizer step, like a tensor taken from `parameters()`.
#include <torch/torch.h>
#include <iostream>
#include <map>
#include <string>

struct NetImpl : torch::nn::Module {
  NetImpl() : fc(register_module("fc", torch::nn::Linear(4, 2))) {
    weight = register_parameter("weight", torch::randn({2, 2}));
  }
  torch::Tensor forward(torch::Tensor x) { return fc->forward(x).mm(weight); }
  torch::nn::Linear fc;
  torch::Tensor weight;
};
TORCH_MODULE(Net);

float train_step(Net &model, torch::optim::Optimizer &opt) {
  opt.zero_grad();
  auto loss = model->forward(torch::randn({8, 4})).sum();
  loss.backward();
  opt.step();
  return loss.item<float>();
}

// BUG: the "best weights" are the live parameters.
void best_weights() {
  Net model;
  torch::optim::SGD opt(model->parameters(), torch::optim::SGDOptions(0.1));
  std::map<std::string, torch::Tensor> best;
  float best_loss = 1e9;
  for (int epoch = 0; epoch < 10; ++epoch) {
    float loss = train_step(model, opt);
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'train_step' through 'opt' updates the parameters it holds in place, which changes 'best', read later: 'best' holds a parameter (an element of 'model->named_parameters()'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE+5]]:23: note: 'best' takes an element of 'model->named_parameters()' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+7]]:13: note: 'best' is read here and sees the updated parameters
    if (loss < best_loss) {
      best_loss = loss;
      for (auto &p : model->named_parameters())
        best[p.key()] = p.value();
    }
  }
  std::cout << best["fc.weight"] << "\n";
}

// BUG: one entry by name, then a step.
void one_entry() {
  Net model;
  torch::optim::Adam opt(model->parameters());
  auto w = model->named_parameters()["fc.weight"];
  opt.step();
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'w', read later: 'w' holds a parameter ('named_parameters' of 'model'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'w' takes 'named_parameters' of 'model' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'w' is read here and sees the updated parameters
  std::cout << w << "\n";
}

// BUG: the dictionary itself kept across the step.
void whole_dict() {
  Net model;
  torch::optim::SGD opt(model->parameters(), torch::optim::SGDOptions(0.1));
  auto before = model->named_parameters();
  opt.step();
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'before', read later: 'before' holds a parameter ('named_parameters' of 'model'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:24: note: 'before' takes 'named_parameters' of 'model' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'before' is read here and sees the updated parameters
  std::cout << before["weight"] << "\n";
}

// BUG: an entry found by name, copied as a handle.
void found_entry() {
  Net model;
  torch::optim::SGD opt(model->parameters(), torch::optim::SGDOptions(0.1));
  auto named = model->named_parameters();
  torch::Tensor best;
  if (auto *w = named.find("fc.weight"))
    best = *w;
  opt.step();
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'best', read later: 'best' holds a parameter (a copy of the handle 'named'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'best' takes a copy of the handle 'named' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'best' is read here and sees the updated parameters
  std::cout << best << "\n";
}

// Near misses: clones, keys only, reads before the step, the buffers read
// after their own update, a live alias used in the loop.
void clones() {
  Net model;
  torch::optim::SGD opt(model->parameters(), torch::optim::SGDOptions(0.1));
  std::map<std::string, torch::Tensor> best;
  for (auto &p : model->named_parameters())
    best[p.key()] = p.value().clone();
  auto w = model->named_parameters()["fc.weight"].clone();
  auto named = model->named_parameters();
  torch::Tensor found;
  if (auto *f = named.find("weight"))
    found = f->clone();
  opt.step();
  std::cout << best["fc.weight"] << w << found << "\n";
}
void keys_only() {
  Net model;
  torch::optim::SGD opt(model->parameters(), torch::optim::SGDOptions(0.1));
  auto named = model->named_parameters();
  opt.step();
  for (const auto &key : named.keys())
    std::cout << key << "\n";
  std::cout << named.size() << "\n";
}
void read_before_step() {
  Net model;
  torch::optim::SGD opt(model->parameters(), torch::optim::SGDOptions(0.1));
  for (const auto &p : model->named_parameters())
    std::cout << p.key() << ": " << p.value().norm() << "\n";
  opt.step();
}
void live_alias() {
  Net model;
  torch::optim::SGD opt(model->parameters(), torch::optim::SGDOptions(0.1));
  auto w = model->named_parameters()["weight"];
  for (int i = 0; i < 3; ++i) {
    auto loss = torch::randn({2, 2}).mm(w).sum();
    loss.backward();
    opt.step();
  }
}
