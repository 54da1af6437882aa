// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// Different members of one module are different tensors: an optimizer over
// one submodule's parameters (fine-tuning a head, a GAN's two halves in one
// module) steps that submodule only, and a write to one parameter leaves its
// siblings alone. A snapshot of the stepped submodule's parameter, or of any
// parameter when the whole model is stepped, is still stale.
#include <torch/torch.h>
#include <iostream>

using torch::optim::OptimizerParamGroup;

struct NetImpl : torch::nn::Module {
  NetImpl()
      : fc(register_module("fc", torch::nn::Linear(4, 2))),
        head(register_module("head", torch::nn::Linear(2, 2))) {
    weight = register_parameter("weight", torch::randn({2, 2}));
  }
  torch::Tensor forward(torch::Tensor x) { return head->forward(fc->forward(x).mm(weight)); }
  torch::nn::Linear fc, head;
  torch::Tensor weight;
};
TORCH_MODULE(Net);

// BUG: the head is fine-tuned; the snapshot is of the head's weight.
void head_snapshot() {
  Net model;
  torch::optim::SGD opt(model->head->parameters(), torch::optim::SGDOptions(0.1));
  auto best = model->head->weight;
  opt.step();
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'best', read later: 'best' holds a parameter ('head->weight' of 'model'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:28: note: 'best' takes 'head->weight' of 'model' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'best' is read here and sees the updated parameters
  std::cout << best << "\n";
}

// BUG: the whole model is stepped; the snapshot is of a submodule's bias.
void whole_model_snapshot() {
  Net model;
  torch::optim::Adam opt(model->parameters(), torch::optim::AdamOptions(1e-3));
  auto bias = model->fc->bias;
  opt.step();
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'bias', read later: 'bias' holds a parameter ('fc->bias' of 'model'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:26: note: 'bias' takes 'fc->bias' of 'model' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'bias' is read here and sees the updated parameters
  std::cout << bias << "\n";
}

// BUG: a parameter group over the submodule that the snapshot is of.
void submodule_group() {
  Net model;
  torch::optim::SGD opt({OptimizerParamGroup(model->fc->parameters())},
                        torch::optim::SGDOptions(0.1));
  auto w = model->fc->weight;
  opt.step();
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'w', read later: 'w' holds a parameter ('fc->weight' of 'model'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'w' takes 'fc->weight' of 'model' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'w' is read here and sees the updated parameters
  std::cout << w << "\n";
}

// BUG: a submodule handle copied, its weight written by hand; the snapshot
// was taken through the submodule.
void submodule_then_member() {
  torch::NoGradGuard no_grad;
  Net model;
  auto w = model->fc->weight;
  model->fc->weight.mul_(0.5);
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: in-place write through 'model' also changes 'w', which is read later: 'w' is a view of 'model' ('fc->weight') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'fc->weight' creates a view of 'model' here
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'w' is read here and sees the changed data
  std::cout << w << "\n";
}

// Near misses: a frozen sibling's snapshot while only the head is stepped
// (a parameter of the module itself, and one of another submodule); a group
// over one submodule and a snapshot of the other; one parameter written by
// hand and a different one read.
void finetune_head_only() {
  Net model;
  torch::optim::SGD opt(model->head->parameters(), torch::optim::SGDOptions(0.1));
  auto own = model->weight;
  auto frozen = model->fc->weight;
  opt.step();
  std::cout << own << frozen << "\n";
}
void group_over_the_other_submodule() {
  Net model;
  torch::optim::SGD opt({OptimizerParamGroup(model->fc->parameters())},
                        torch::optim::SGDOptions(0.1));
  auto w = model->head->weight;
  opt.step();
  std::cout << w << "\n";
}
void sibling_written_by_hand() {
  torch::NoGradGuard no_grad;
  Net model;
  auto bias = model->fc->bias;
  model->fc->weight.mul_(0.5);
  model->head->weight.zero_();
  std::cout << bias << "\n";
}
