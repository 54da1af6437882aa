// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// A dataset transform's operator() is called by the library with the tensor
// the dataset stores (MNIST::get returns a view of its image): writing it in
// place changes the dataset, and every later epoch transforms it again.
#include <torch/torch.h>

// BUG: the classic in-place normalisation.
struct Normalize : public torch::data::transforms::TensorTransform<> {
  Normalize(float mean, float stddev)
      : mean_(torch::tensor(mean)), stddev_(torch::tensor(stddev)) {}
  torch::Tensor operator()(torch::Tensor input) {
    return input.sub_(mean_).div_(stddev_);
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: in-place write to parameter 'input' of a dataset transform changes the dataset's stored example: the dataset hands out its stored tensor, so every later epoch sees the data transformed again [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-3]]:42: note: 'input' declared here; the library passes the tensor the dataset's get() returns, for datasets holding their data in memory (MNIST, TensorDataset) the stored example itself; compute a new tensor (`sub` instead of `sub_`) or clone it first
  }
  torch::Tensor mean_, stddev_;
};

// BUG: through a view of the parameter, in an override of a template's
// specialisation with a target type.
struct Scale : torch::data::transforms::TensorTransform<torch::Tensor> {
  torch::Tensor operator()(torch::Tensor input) override {
    auto flat = input.view({-1});
    flat.mul_(2);
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: in-place write through 'flat' to parameter 'input' of a dataset transform changes the dataset's stored example: the dataset hands out its stored tensor, so every later epoch sees the data transformed again [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:42: note: 'input' declared here;
    return input;
  }
};

// Near misses: functional ops, a clone, a rebinding before the write, a
// fresh tensor.
struct NormalizeOk : public torch::data::transforms::TensorTransform<> {
  torch::Tensor operator()(torch::Tensor input) override {
    return input.sub(mean_).div(stddev_);
  }
  torch::Tensor mean_, stddev_;
};
struct CloneFirst : public torch::data::transforms::TensorTransform<> {
  torch::Tensor operator()(torch::Tensor input) override {
    input = input.clone();
    input.sub_(0.5);
    return input;
  }
};
struct Rebound : public torch::data::transforms::TensorTransform<> {
  torch::Tensor operator()(torch::Tensor input) override {
    input = input * 2;
    return input.add_(1);
  }
};
struct FreshOut : public torch::data::transforms::TensorTransform<> {
  torch::Tensor operator()(torch::Tensor input) override {
    auto out = torch::zeros_like(input);
    out.add_(input);
    return out.clamp_(0, 1);
  }
};

// Not a transform: a plain function whose caller passes a temporary is judged
// at the call, and this caller's argument is gone after it.
torch::Tensor normalize(torch::Tensor input) { return input.sub_(0.5); }
torch::Tensor use_plain() { return normalize(torch::rand({3})) + 1; }

// A class with an operator() that is no dataset transform: judged like any
// function, at its callers.
struct Functor {
  torch::Tensor operator()(torch::Tensor input) { return input.mul_(2); }
};
torch::Tensor use_functor() {
  Functor f;
  return f(torch::ones({2}));
}

int main() {
  auto dataset = torch::data::datasets::MNIST("data")
                     .map(Normalize(0.1307, 0.3081))
                     .map(torch::data::transforms::Stack<>());
  (void)dataset;
}
