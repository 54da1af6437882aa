// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// Different members of one module are different tensors: an optimizer over
// one submodule's parameters (fine-tuning a head, a GAN's two halves in one
// module) steps that submodule only, and a write to one parameter leaves its
// siblings alone. A snapshot of the stepped submodule's parameter, or of any
// parameter when the whole model is stepped, is still stale. The module's own
// methods write and return its members (`model->shrink()`,
// `model->get_weight()`).
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
  void shrink() {
    torch::NoGradGuard no_grad;
    weight.mul_(0.5);
  }
  torch::Tensor get_weight() { return weight; }
  void init_weights() {
    torch::NoGradGuard no_grad;
    for (auto &p : parameters())
      p.normal_(0, 0.02);
  }
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

// BUG: a method of the module writes its weight in place.
void method_writes_member() {
  Net model;
  auto before = model->weight;
  model->shrink();
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: in-place write through 'model' also changes 'before', which is read later: 'before' is a view of 'model' ('weight') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:24: note: 'weight' creates a view of 'model' here
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'before' is read here and sees the changed data
  std::cout << before << "\n";
}

// BUG: a getter hands out the parameter itself, which the optimizer steps.
void getter_snapshot() {
  Net model;
  torch::optim::SGD opt(model->parameters(), torch::optim::SGDOptions(0.1));
  auto best = model->get_weight();
  opt.step();
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'step' through 'opt' updates the parameters it holds in place, which changes 'best', read later: 'best' holds a parameter ('weight' of 'model'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:22: note: 'best' takes 'weight' of 'model' here without copying the data; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'best' is read here and sees the updated parameters
  std::cout << best << "\n";
}

// BUG: a method re-initialises every parameter of the module through
// parameters(); the snapshot of a submodule's weight changes too.
void reinit_after_snapshot() {
  Net model;
  auto initial = model->fc->weight;
  model->init_weights();
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: in-place write through 'model' also changes 'initial', which is read later: 'initial' is a view of 'model' ('fc->weight') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:29: note: 'fc->weight' creates a view of 'model' here
// CHECK-MESSAGES: :[[@LINE+1]]:13: note: 'initial' is read here and sees the changed data
  std::cout << initial << "\n";
}

// Near misses: a frozen sibling's snapshot while only the head is stepped
// (a parameter of the module itself, and one of another submodule); a group
// over one submodule and a snapshot of the other; one parameter written by
// hand and a different one read; a method writing one member and another
// read; a getter's result cloned; the snapshot taken after the
// re-initialisation, or cloned before it.
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
void method_writes_another_member() {
  Net model;
  auto frozen = model->fc->weight;
  model->shrink();
  std::cout << frozen << "\n";
}
void getter_cloned() {
  Net model;
  torch::optim::SGD opt(model->parameters(), torch::optim::SGDOptions(0.1));
  auto best = model->get_weight().clone();
  opt.step();
  std::cout << best << "\n";
}
void snapshot_after_reinit() {
  Net model;
  model->init_weights();
  auto initial = model->fc->weight;
  auto kept = model->weight.clone();
  model->init_weights();
  std::cout << kept << "\n";
  initial = model->fc->weight;
  std::cout << initial << "\n";
}
