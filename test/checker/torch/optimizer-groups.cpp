// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// Optimizers built from parameter groups (`std::vector<OptimizerParamGroup>`,
// `add_param_group`), reached through a `new`-made or plain pointer, or held
// in a field over a module the constructor got as a parameter: `step()`
// writes every module they hold, which a "best weights" handle taken
// without `.clone()` sees.
#include <torch/torch.h>
#include <iostream>
#include <memory>
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

using torch::optim::OptimizerParamGroup;

// BUG: a braced vector of groups, one with options of its own.
void braced_groups() {
  Net model, other;
  std::vector<OptimizerParamGroup> groups{
      OptimizerParamGroup(model->parameters()),
      OptimizerParamGroup(other->parameters(),
                          std::make_unique<torch::optim::AdamOptions>(1e-4))};
  torch::optim::Adam opt(groups, torch::optim::AdamOptions(1e-3));
  auto best = other->weight;
  opt.step();
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'best', read later: 'best' holds a parameter ('weight' of 'other'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:22: note: 'best' takes 'weight' of 'other' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'best' is read here and sees the updated parameters
  std::cout << best << "\n";
}

// BUG: groups pushed and emplaced one by one, moved into the optimizer.
void pushed_groups() {
  Net encoder, decoder;
  std::vector<OptimizerParamGroup> groups;
  groups.push_back(OptimizerParamGroup(encoder->parameters()));
  groups.emplace_back(decoder->parameters(), std::make_unique<torch::optim::SGDOptions>(0.01));
  auto opt = std::make_unique<torch::optim::SGD>(std::move(groups), torch::optim::SGDOptions(0.1));
  auto w = decoder->fc->weight;
  opt->step();
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'w', read later: 'w' holds a parameter ('fc->weight' of 'decoder'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'w' takes 'fc->weight' of 'decoder' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'w' is read here and sees the updated parameters
  std::cout << w << "\n";
}

// BUG: a group written at the constructor's call.
void inline_group() {
  Net model;
  torch::optim::SGD opt({OptimizerParamGroup(model->parameters())}, torch::optim::SGDOptions(0.1));
  auto frozen = model->fc->bias;
  opt.step();
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'frozen', read later: 'frozen' holds a parameter ('fc->bias' of 'model'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:28: note: 'frozen' takes 'fc->bias' of 'model' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:7: note: 'frozen' is read here and sees the updated parameters
  if (torch::equal(frozen, model->fc->bias))
    std::cout << "unchanged\n";
}

// BUG: a group added to an optimizer after its construction.
void added_group() {
  Net backbone, head;
  torch::optim::Adam opt({OptimizerParamGroup(backbone->parameters())},
                         torch::optim::AdamOptions(1e-4));
  opt.add_param_group(OptimizerParamGroup(head->parameters()));
  auto snapshot = head->weight;
  for (int epoch = 0; epoch < 3; ++epoch) {
    opt.zero_grad();
    head->forward(backbone->forward(torch::randn({8, 4}))).sum().backward();
    opt.step();
  }
// CHECK-MESSAGES: :[[@LINE-2]]:9: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'snapshot', read later: 'snapshot' holds a parameter ('weight' of 'head'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-7]]:25: note: 'snapshot' takes 'weight' of 'head' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'snapshot' is read here and sees the updated parameters
  std::cout << snapshot << "\n";
}

// BUG: an optimizer made with `new`, stepped through the pointer.
void new_optimizer() {
  Net model;
  auto *opt = new torch::optim::SGD(model->parameters(), torch::optim::SGDOptions(0.1));
  auto best = model->weight;
  opt->zero_grad();
  model->forward(torch::randn({8, 4})).sum().backward();
  opt->step();
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'best', read later: 'best' holds a parameter ('weight' of 'model'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:22: note: 'best' takes 'weight' of 'model' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'best' is read here and sees the updated parameters
  std::cout << best << "\n";
  delete opt;
}

// BUG: a smart pointer made from `new`.
void owned_new_optimizer() {
  Net model;
  std::unique_ptr<torch::optim::Optimizer> opt(
      new torch::optim::Adam(model->parameters(), torch::optim::AdamOptions(1e-3)));
  auto best = model->fc->weight;
  opt->step();
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'best', read later: 'best' holds a parameter ('fc->weight' of 'model'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:26: note: 'best' takes 'fc->weight' of 'model' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'best' is read here and sees the updated parameters
  std::cout << best << "\n";
}

// BUG: a base-class pointer to a local optimizer.
void optimizer_pointer() {
  Net model;
  torch::optim::SGD sgd(model->parameters(), torch::optim::SGDOptions(0.1));
  torch::optim::Optimizer *opt = &sgd;
  auto w = model->fc->weight;
  opt->step();
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'step' through 'sgd' updates the parameters it holds in place, which changes 'w', read later: 'w' holds a parameter ('fc->weight' of 'model'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'w' takes 'fc->weight' of 'model' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'w' is read here and sees the updated parameters
  std::cout << w << "\n";
}

// BUG: an optimizer field over the module the constructor got, kept in a
// field too.
class Trainer {
public:
  explicit Trainer(Net net)
      : net_(net), opt_(net->parameters(), torch::optim::AdamOptions(1e-3)) {}
  void fit() {
    auto best = net_->weight;
    opt_.step();
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'step' through 'opt_' updates the parameters it holds in place, which changes 'best', read later: 'best' holds a parameter ('weight' of 'net_'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'best' takes 'weight' of 'net_' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:15: note: 'best' is read here and sees the updated parameters
    std::cout << best << "\n";
  }

private:
  Net net_;
  torch::optim::Adam opt_;
};

// BUG: the same with the module moved into the field first.
class MovedTrainer {
public:
  explicit MovedTrainer(Net net)
      : net_(std::move(net)),
        opt_(std::make_unique<torch::optim::SGD>(net_->parameters(),
                                                 torch::optim::SGDOptions(0.1))) {}
  void fit() {
    auto best = net_->fc->weight;
    opt_->step();
// CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'step' through 'opt_' updates the parameters it holds in place, which changes 'best', read later: 'best' holds a parameter ('weight' of 'net_'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:27: note: 'best' takes 'weight' of 'net_' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:15: note: 'best' is read here and sees the updated parameters
    std::cout << best << "\n";
  }

private:
  Net net_;
  std::unique_ptr<torch::optim::SGD> opt_;
};

// Near misses: clones; a module in no group; the snapshot read before the
// step only; the handle re-taken after the step; a group over a submodule
// and a snapshot of another member; a vector of groups
// cleared and refilled; a group added to another optimizer; a pointer
// reassigned; a `new` optimizer over another module; a constructor whose
// optimizer is over a parameter no field holds.
void cloned_groups() {
  Net model, other;
  std::vector<OptimizerParamGroup> groups{OptimizerParamGroup(model->parameters()),
                                          OptimizerParamGroup(other->parameters())};
  torch::optim::Adam opt(groups, torch::optim::AdamOptions(1e-3));
  auto best = other->weight.clone();
  auto copy = model->fc->weight.clone();
  opt.step();
  std::cout << best << copy << other->weight << "\n";
}
void not_in_a_group() {
  Net model, target;
  std::vector<OptimizerParamGroup> groups;
  groups.push_back(OptimizerParamGroup(model->parameters()));
  torch::optim::SGD opt(groups, torch::optim::SGDOptions(0.1));
  auto t = target->weight;
  opt.step();
  std::cout << t << "\n";
}
void read_before_step() {
  Net model;
  torch::optim::Adam opt({OptimizerParamGroup(model->parameters())});
  auto w = model->weight;
  std::cout << w << "\n";
  opt.step();
}
void retaken_after_step() {
  Net model;
  torch::optim::Adam opt(std::vector<torch::Tensor>{}, torch::optim::AdamOptions(1e-3));
  opt.add_param_group(OptimizerParamGroup(model->parameters()));
  auto w = model->weight;
  opt.step();
  w = model->weight;
  std::cout << w << "\n";
}
void submodule_group() {
  Net model;
  torch::optim::SGD opt({OptimizerParamGroup(model->fc->parameters())},
                        torch::optim::SGDOptions(0.1));
  auto own = model->weight;
  opt.step();
  std::cout << own << "\n";
}
void refilled_groups() {
  Net model, other;
  std::vector<OptimizerParamGroup> groups{OptimizerParamGroup(model->parameters())};
  groups.clear();
  groups.push_back(OptimizerParamGroup(other->parameters()));
  torch::optim::Adam opt(groups, torch::optim::AdamOptions(1e-3));
  auto w = model->weight;
  opt.step();
  std::cout << w << "\n";
}
void other_optimizer() {
  Net model, head;
  torch::optim::Adam opt(model->parameters());
  torch::optim::Adam head_opt(std::vector<torch::Tensor>{});
  head_opt.add_param_group(OptimizerParamGroup(head->parameters()));
  auto h = head->weight;
  opt.step();
  std::cout << h << "\n";
}
void reassigned_pointer(bool fine_tune) {
  Net model, other;
  torch::optim::SGD all(model->parameters(), torch::optim::SGDOptions(0.1));
  torch::optim::SGD rest(other->parameters(), torch::optim::SGDOptions(0.1));
  torch::optim::Optimizer *opt = &all;
  if (fine_tune)
    opt = &rest;
  auto w = model->weight;
  opt->step();
  std::cout << w << "\n";
}
void new_over_other() {
  Net model, other;
  auto *opt = new torch::optim::SGD(other->parameters(), torch::optim::SGDOptions(0.1));
  auto w = model->weight;
  opt->step();
  std::cout << w << "\n";
  delete opt;
}
class TargetTrainer {
public:
  TargetTrainer(Net online, Net target)
      : target_(target), opt_(online->parameters(), torch::optim::AdamOptions(1e-3)) {}
  void fit() {
    auto t = target_->weight;
    opt_.step();
    std::cout << t << "\n";
  }

private:
  Net target_;
  torch::optim::Adam opt_;
};
