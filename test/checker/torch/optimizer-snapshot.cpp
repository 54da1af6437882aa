// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// An optimizer holds the handles of the parameters it is built from and
// `step()` writes them in place: a handle to a parameter taken as a
// "snapshot" (`auto best = model->weight;`) changes with every step.
#include <torch/torch.h>
#include <iostream>
#include <vector>

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

// BUG: the "best weights" are the live weights.
void best_weights() {
  Net model;
  torch::optim::SGD opt(model->parameters(), torch::optim::SGDOptions(0.1));
  torch::Tensor best;
  float best_loss = 1e9;
  for (int epoch = 0; epoch < 10; ++epoch) {
    opt.zero_grad();
    auto loss = model->forward(torch::randn({8, 4})).sum();
    loss.backward();
    opt.step();
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'best', read later: 'best' holds a parameter ('weight' of 'model'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE+4]]:21: note: 'best' takes 'weight' of 'model' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+6]]:3: note: 'best' is read here and sees the updated parameters
    if (loss.item<float>() < best_loss) {
      best_loss = loss.item<float>();
      best = model->weight;
    }
  }
  torch::save(best, "best.pt");
}

// BUG: a parameter list taken before training, compared after it.
void drift() {
  Net model;
  std::vector<torch::Tensor> before = model->parameters();
  torch::optim::Adam opt(model->parameters(), torch::optim::AdamOptions(1e-3));
  for (int i = 0; i < 5; ++i) {
    opt.zero_grad();
    model->forward(torch::randn({8, 4})).sum().backward();
    opt.step();
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'before', read later: 'before' holds a parameter ('parameters' of 'model'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-7]]:46: note: 'before' takes 'parameters' of 'model' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+3]]:24: note: 'before' is read here and sees the updated parameters
  }
  auto now = model->parameters();
  std::cout << (now[0] - before[0]).abs().sum() << "\n";
}

// BUG: one parameter of a submodule, in straight-line code.
void one_step() {
  Net model;
  torch::optim::AdamW opt(model->parameters());
  auto w = model->fc->weight;
  opt.step();
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'w', read later: 'w' holds a parameter ('fc->weight' of 'model'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'w' takes 'fc->weight' of 'model' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'w' is read here and sees the updated parameters
  std::cout << w << "\n";
}

// BUG: the step is taken by a callee through the optimizer.
void via_callee() {
  Net model;
  torch::optim::SGD opt(model->parameters(), torch::optim::SGDOptions(0.1));
  auto w = model->parameters()[0];
  train_step(model, opt);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'train_step' through 'opt' updates the parameters it holds in place, which changes 'w', read later: 'w' holds a parameter ('parameters' of 'model'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'w' takes 'parameters' of 'model' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'w' is read here and sees the updated parameters
  std::cout << w << "\n";
  for (int i = 0; i < 3; ++i)
    train_step(model, opt);
  std::cout << model->weight << "\n";
}

// Near misses: clones, a cloned module, the parameters themselves, a
// snapshot not read after the step, the optimizer's own list, a live alias
// used in the loop, manual updates and EMA through parameters().
void clones() {
  Net model;
  torch::optim::SGD opt(model->parameters(), torch::optim::SGDOptions(0.1));
  auto best = model->weight.clone();
  std::vector<torch::Tensor> saved;
  for (const auto &p : model->parameters())
    saved.push_back(p.clone());
  auto copy = std::dynamic_pointer_cast<NetImpl>(model->clone());
  opt.step();
  std::cout << best << saved[0] << copy->weight << model->weight << "\n";
  std::cout << model->forward(torch::ones({1, 4})) << "\n";
}
void not_read_after() {
  Net model;
  torch::optim::SGD opt(model->parameters(), torch::optim::SGDOptions(0.1));
  auto w = model->weight;
  std::cout << w << "\n";
  opt.step();
}
void own_list() {
  Net model;
  std::vector<torch::Tensor> params = model->parameters();
  torch::optim::SGD opt(params, torch::optim::SGDOptions(0.1));
  for (int i = 0; i < 3; ++i) {
    opt.step();
    std::cout << params[0] << "\n";
  }
}
void live_alias() {
  Net model;
  torch::optim::RMSprop opt(model->parameters());
  auto w = model->weight;
  for (int i = 0; i < 3; ++i) {
    auto loss = (torch::randn({2, 2}).mm(w)).sum();
    loss.backward();
    opt.step();
  }
}
void owned_parameters() {
  auto w = torch::randn({3}, torch::requires_grad());
  torch::optim::SGD opt({w}, torch::optim::SGDOptions(0.1));
  opt.step();
  std::cout << w << "\n";
}
void ema(Net &source, Net &target, float decay) {
  torch::NoGradGuard no_grad;
  auto sp = source->parameters();
  auto tp = target->parameters();
  for (size_t i = 0; i < sp.size(); i++)
    tp[i].mul_(decay).add_(sp[i], 1.0 - decay);
  std::cout << target->forward(torch::ones({1, 4})) << "\n";
}
void init_then_train() {
  Net model;
  auto params = model->parameters();
  params[0].uniform_(-0.1, 0.1);
  torch::optim::Adagrad opt(model->parameters());
  opt.step();
  std::cout << model->forward(torch::ones({1, 4})) << train_step(model, opt) << "\n";
}
