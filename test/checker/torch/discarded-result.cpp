// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli --checks=aliasguard-discarded-result %s -- %torch_flags
// RUN: %check_aliasguard --tool=tidy --checks=aliasguard-discarded-result %s -- %torch_flags
// LibTorch: the functional ops come from the op schemas in the headers (an op
// whose overloads write nothing and draw no random numbers, returning a
// tensor); the in-place twin is the schema's `<op>_`.
#include <torch/torch.h>
#include <iostream>

void to_dtype(torch::Tensor x) {
  x.to(torch::kLong);
  std::cout << x;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: the result of 'to' is discarded: 'to' returns a new tensor and leaves 'x' unchanged; assign the result to keep it [aliasguard-discarded-result]
// CHECK-MESSAGES: :[[@LINE-2]]:16: note: 'x' is used here with its old value
// CHECK-FIXES: {{^}}  x = x.to(torch::kLong);{{$}}
}

void clamp(torch::Tensor x) {
  x.clamp(0, 1);
  std::cout << x;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: the result of 'clamp' is discarded: 'clamp' returns a new tensor and leaves 'x' unchanged; 'clamp_' is its in-place form [aliasguard-discarded-result]
// CHECK-MESSAGES: :[[@LINE-2]]:16: note: 'x' is used here with its old value
// CHECK-FIXES: {{^}}  x.clamp_(0, 1);{{$}}
}

void layout(torch::Tensor x, torch::Tensor t) {
  x.contiguous();
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the result of 'contiguous' is discarded: 'contiguous' returns a new tensor and leaves 'x' unchanged; assign the result to keep it [aliasguard-discarded-result]
// CHECK-FIXES: {{^}}  x = x.contiguous();{{$}}
  t.squeeze(0);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the result of 'squeeze' is discarded: 'squeeze' returns a new tensor and leaves 't' unchanged; 'squeeze_' is its in-place form [aliasguard-discarded-result]
// CHECK-FIXES: {{^}}  t.squeeze_(0);{{$}}
}

void update(torch::Tensor w, const torch::Tensor &g) {
  w.add(g);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the result of 'add' is discarded: 'add' returns a new tensor and leaves 'w' unchanged; 'add_' is its in-place form [aliasguard-discarded-result]
// CHECK-FIXES: {{^}}  w.add_(g);{{$}}
}

void free_functions(torch::Tensor x) {
  torch::relu(x);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'relu' is discarded: 'relu' returns a new tensor and leaves 'x' unchanged; 'relu_' is its in-place form [aliasguard-discarded-result]
// CHECK-MESSAGES: :[[@LINE+2]]:3: note: 'x' is used here with its old value
// CHECK-FIXES: {{^}}  torch::relu_(x);{{$}}
  x.masked_fill(x < 0, 0);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the result of 'masked_fill' is discarded: 'masked_fill' returns a new tensor and leaves 'x' unchanged; 'masked_fill_' is its in-place form [aliasguard-discarded-result]
// CHECK-MESSAGES: :[[@LINE+3]]:3: note: 'x' is used here with its old value
// CHECK-FIXES: {{^}}  x.masked_fill_(x < 0, 0);{{$}}
  // A reduction: no assignment is offered (x = x.sum() changes what x is).
  x.sum();
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the result of 'sum' is discarded: 'sum' returns a new tensor and leaves 'x' unchanged; assign the result to keep it [aliasguard-discarded-result]
// CHECK-FIXES: {{^}}  x.sum();{{$}}
}

// --- silent near-misses ---------------------------------------------------

torch::Tensor used(torch::Tensor x, torch::Tensor &out) {
  auto y = x.clamp(0, 1);          // bound
  out = x.to(torch::kFloat);       // assigned
  (void)x.contiguous();            // discarded on purpose
  x.clamp_(0, 1);                  // in place
  x.requires_grad_();              // autograd state, in place
  x.bernoulli();                   // draws random numbers: a side effect
  x.normal_();                     // in place
  x.backward();                    // not a tensor result
  x.item();                        // a scalar
  x.max(0);                        // a tuple
  torch::NoGradGuard guard;        // not a call
  std::cout << y;
  return x.add(1);
}

// A selection (real code: a leftover debug statement): no assignment is
// offered (`x = x.index(...)` would change what x is); a temporary's in-place
// form would write the temporary: no fix-it either.
void leftovers(torch::Tensor x, const torch::Tensor &mask) {
  x.index({mask});
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the result of 'index' is discarded: 'index' returns a new tensor and leaves 'x' unchanged; assign the result to keep it [aliasguard-discarded-result]
// CHECK-FIXES: {{^}}  x.index({mask});{{$}}
  x.index({mask}).clamp(0, 1);
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: the result of 'clamp' is discarded: 'clamp' returns a new tensor and does not change its operand; 'clamp_' is its in-place form [aliasguard-discarded-result]
// CHECK-FIXES: {{^}}  x.index({mask}).clamp(0, 1);{{$}}
}
