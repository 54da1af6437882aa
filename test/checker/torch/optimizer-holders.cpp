// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// Real trainers hold their optimizer behind a smart pointer or in a field,
// and update parameters by hand in a range-for over `parameters()`: each is
// a write of the module's parameters, which a "best weights" handle taken
// without `.clone()` sees.
#include <torch/torch.h>
#include <iostream>
#include <memory>

struct NetImpl : torch::nn::Module {
  NetImpl() : fc(register_module("fc", torch::nn::Linear(4, 2))) {
    weight = register_parameter("weight", torch::randn({2, 2}));
  }
  torch::Tensor forward(torch::Tensor x) { return fc->forward(x).mm(weight); }
  torch::nn::Linear fc;
  torch::Tensor weight;
};
TORCH_MODULE(Net);

// BUG: an optimizer made with std::make_shared.
void shared_optimizer() {
  Net model;
  auto opt = std::make_shared<torch::optim::Adam>(model->parameters(),
                                                  torch::optim::AdamOptions(1e-3));
  auto best = model->weight;
  opt->zero_grad();
  model->forward(torch::randn({8, 4})).sum().backward();
  opt->step();
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'best', read later: 'best' holds a parameter ('weight' of 'model'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:22: note: 'best' takes 'weight' of 'model' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'best' is read here and sees the updated parameters
  std::cout << best << "\n";
}

// BUG: a std::unique_ptr<Optimizer> over a module held by std::shared_ptr.
void unique_optimizer() {
  auto model = std::make_shared<NetImpl>();
  std::unique_ptr<torch::optim::Optimizer> opt =
      std::make_unique<torch::optim::SGD>(model->parameters(), torch::optim::SGDOptions(0.1));
  auto w = model->fc->weight;
  opt->step();
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'w', read later: 'w' holds a parameter ('fc->weight' of 'model'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'w' takes 'fc->weight' of 'model' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'w' is read here and sees the updated parameters
  std::cout << w << "\n";
}

// BUG: a trainer holding its optimizer in a field, built in the constructor.
class Trainer {
public:
  Trainer()
      : optimizer_(std::make_unique<torch::optim::Adam>(net_->parameters(),
                                                        torch::optim::AdamOptions(1e-3))) {}
  void train() {
    float best_loss = 1e9;
    for (int epoch = 0; epoch < 10; ++epoch) {
      optimizer_->zero_grad();
      auto loss = net_->forward(torch::randn({8, 4})).sum();
      loss.backward();
      optimizer_->step();
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'step' through 'optimizer_' updates the parameters it holds in place, which changes 'best_', read later: 'best_' holds a parameter ('weight' of 'net_'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE+4]]:23: note: 'best_' takes 'weight' of 'net_' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+6]]:5: note: 'best_' is read here and sees the updated parameters
      if (loss.item<float>() < best_loss) {
        best_loss = loss.item<float>();
        best_ = net_->weight;
      }
    }
    torch::save(best_, "best.pt");
  }

private:
  Net net_;
  std::unique_ptr<torch::optim::Adam> optimizer_;
  torch::Tensor best_;
};

// BUG: an optimizer field held by value, set in a method.
class Agent {
public:
  Agent() : opt_(policy_->parameters(), torch::optim::SGDOptions(0.01)) {}
  void learn() {
    auto before = policy_->weight;
    opt_.step();
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'step' through 'opt_' updates the parameters it holds in place, which changes 'before', read later: 'before' holds a parameter ('weight' of 'policy_'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:28: note: 'before' takes 'weight' of 'policy_' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:35: note: 'before' is read here and sees the updated parameters
    auto delta = (policy_->weight - before).abs().sum();
    std::cout << delta << "\n";
  }

private:
  Net policy_;
  torch::optim::SGD opt_;
};

// BUG: the same seen by a caller: train() writes the trainer's module.
struct Policy {
  Policy() { optimizer_ = std::make_unique<torch::optim::Adam>(net_->parameters()); }
  void train() { optimizer_->step(); }
  Net net_;
  std::unique_ptr<torch::optim::Adam> optimizer_;
};
void train_policy() {
  Policy policy;
  auto w = policy.net_->weight;
  policy.train();
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: in-place write through 'policy.net_' also changes 'w', which is read later: 'w' is a view of 'policy.net_' ('weight') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'weight' creates a view of 'policy.net_' here
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'w' is read here and sees the changed data
  std::cout << w << "\n";
  policy.train();
  std::cout << policy.net_->weight << "\n";
}

// BUG: parameters scaled in place through a range-for over parameters().
void shrink_after_snapshot() {
  Net model;
  auto best = model->weight;
  {
    torch::NoGradGuard no_grad;
    for (auto &p : model->parameters())
      p.mul_(0.5);
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: in-place write through 'model' also changes 'best', which is read later: 'best' is a view of 'model' ('weight') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-6]]:22: note: 'weight' creates a view of 'model' here
// CHECK-MESSAGES: :[[@LINE+2]]:13: note: 'best' is read here and sees the changed data
  }
  std::cout << best << "\n";
}

// BUG: the same by value, and over buffers().
void by_value_loop() {
  Net model;
  std::vector<torch::Tensor> saved = model->parameters();
  for (auto p : model->parameters())
    p.zero_();
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: in-place write through 'model' also changes 'saved', which is read later: 'saved' is a view of 'model' ('parameters') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:45: note: 'parameters' creates a view of 'model' here
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'saved' is read here and sees the changed data
  std::cout << saved[0] << "\n";
}

// Near misses: snapshots cloned (also under NoGradGuard), the parameters
// read after the step (the update is intended), an optimizer over another
// model, a manual update loop with a live alias, a holder rebound to another
// model's optimizer, a field set from a constructor parameter, an optimizer
// field over the other of two modules, a module field replaced after the
// optimizer was built.
void cloned_snapshot() {
  Net model;
  auto opt = std::make_shared<torch::optim::Adam>(model->parameters());
  torch::Tensor best;
  {
    torch::NoGradGuard no_grad;
    best = model->weight.clone();
  }
  auto copy = model->fc->weight.clone();
  opt->step();
  for (auto &p : model->parameters())
    p.mul_(0.5);
  std::cout << best << copy << model->weight << "\n";
}
void other_model() {
  Net model, target;
  auto opt = std::make_unique<torch::optim::SGD>(model->parameters(), torch::optim::SGDOptions(0.1));
  auto t = target->weight;
  opt->step();
  for (auto &p : model->parameters())
    p.zero_();
  std::cout << t << "\n";
}
void manual_sgd() {
  Net model;
  auto w = model->weight;
  for (int i = 0; i < 3; ++i) {
    auto loss = torch::randn({2, 2}).mm(w).sum();
    loss.backward();
    torch::NoGradGuard no_grad;
    for (auto &p : model->parameters())
      p.sub_(0.01 * p.grad());
  }
}
void reset_elsewhere(Net &other) {
  Net model;
  auto opt = std::make_shared<torch::optim::SGD>(model->parameters(), torch::optim::SGDOptions(0.1));
  auto w = model->weight;
  opt = std::make_shared<torch::optim::SGD>(other->parameters(), torch::optim::SGDOptions(0.1));
  opt->step();
  std::cout << w << "\n";
}
class Learner {
public:
  explicit Learner(std::unique_ptr<torch::optim::Optimizer> opt) : optimizer_(std::move(opt)) {}
  void learn() {
    auto w = net_->weight;
    optimizer_->step();
    std::cout << w << "\n";
  }
  void train() {
    optimizer_->step();
    std::cout << net_->weight << "\n";
  }

private:
  Net net_;
  std::unique_ptr<torch::optim::Optimizer> optimizer_;
};
class Twin {
public:
  Twin() : opt_(std::make_shared<torch::optim::Adam>(online_->parameters())) {}
  void update() {
    auto t = target_->weight;
    opt_->step();
    std::cout << t << online_->weight << "\n";
  }

private:
  Net online_, target_;
  std::shared_ptr<torch::optim::Adam> opt_;
};
class Reloader {
public:
  Reloader()
      : opt_(std::make_unique<torch::optim::SGD>(net_->parameters(),
                                                 torch::optim::SGDOptions(0.1))) {}
  void reload() { net_ = Net(); }
  void step() {
    auto w = net_->weight;
    opt_->step();
    std::cout << w << "\n";
  }

private:
  Net net_;
  std::unique_ptr<torch::optim::SGD> opt_;
};
