// REQUIRES: libtorch
// LibTorch's modules hold their parameters' storage: a parameter field or
// parameters() is a view of the module; an optimizer holds what it is built
// from, step() writes it, zero_grad() does nothing to the data.
// RUN: %aliasguard --dump-facts %s -- %torch_flags 2>/dev/null | %FileCheck %s
#include <torch/torch.h>

void modules() {
  torch::nn::Linear model(4, 2);
  torch::optim::SGD opt(model->parameters(), torch::optim::SGDOptions(0.1));
  auto w = model->weight;
  opt.zero_grad();
  opt.step();
  auto copy = model->clone();
}
// CHECK-LABEL: facts of 'modules'
// CHECK:         9:21 %0 += fresh
// CHECK-NEXT:    9:21 bind model := %0
// CHECK:         10:32 %3 += view of %2 'parameters' from model
// CHECK-NEXT:    10:25 %0 += element of %3 'optimizer'
// CHECK-NEXT:    10:21 bind opt := %0
// CHECK:         11:19 %2 += view of %1 'weight' from model
// CHECK-NEXT:    11:8 bind w := %2
// CHECK-NEXT:    12:3 %0 += load opt
// CHECK-NEXT:    13:3 %0 += load opt
// CHECK-NEXT:    13:7 write %0 through opt 'step'
// CHECK:         14:22 %2 += fresh
// CHECK-NEXT:    14:8 bind copy := %2

// An optimizer field the class always builds over a module field's
// parameters holds them at the entry of its other methods; a range-for over
// parameters() names the module itself.
struct Trainer {
  Trainer() : opt_(std::make_shared<torch::optim::Adam>(net_->parameters())) {}
  void train() {
    opt_->step();
    for (auto &p : net_->parameters())
      p.zero_();
  }
  torch::nn::Linear net_{4, 2};
  std::shared_ptr<torch::optim::Adam> opt_;
};
// CHECK-LABEL: facts of 'Trainer::train'
// CHECK-NEXT:  entry:
// CHECK-NEXT:    34:57 %0 += load net_
// CHECK-NEXT:    34:57 %1 += view of %0 'parameters' from net_
// CHECK-NEXT:    34:57 %2 += element of %1 'optimizer'
// CHECK-NEXT:    41:39 bind opt_ := %2
// CHECK:         36:11 write %1 through opt_ 'step'
// CHECK:         37:20 bind net_->parameters() := %3
// CHECK:         38:7 %0 += load net_
// CHECK-NEXT:    38:9 write %0 through net_ 'zero_'
