// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli --checks=aliasguard-dangling-from-blob %s -- %torch_flags
// A from_blob tensor that escapes inside something holding a copy of its
// handle: a container or aggregate that is returned or stored, a lambda
// that captures it by copy and outlives the buffer.
#include <torch/torch.h>
#include <functional>
#include <iostream>
#include <tuple>
#include <utility>
#include <vector>

std::vector<float> load_values();
void consume(const std::vector<torch::Tensor> &batch);

std::vector<torch::Tensor> batch_returned() {
  std::vector<torch::Tensor> batch;
  for (int i = 0; i < 4; ++i) {
    std::vector<float> row = load_values();
    batch.push_back(torch::from_blob(row.data(), {4}));
  }
  return batch;
// CHECK-MESSAGES: :[[@LINE-3]]:28: warning: the tensor made by 'from_blob' over 'row' is put in a 'vector' that is returned through 'batch', but 'row' is destroyed when the function returns: the tensor dangles; clone() it [aliasguard-dangling-from-blob]
// CHECK-MESSAGES: :[[@LINE-5]]:24: note: 'row' is a local buffer declared here
// CHECK-MESSAGES: :[[@LINE-3]]:10: note: the tensor outlives the buffer here
// CHECK-FIXES: {{^}}    batch.push_back(torch::from_blob(row.data(), {4}).clone());{{$}}
}

std::pair<torch::Tensor, int> pair_returned() {
  std::vector<float> v = load_values();
  auto t = torch::from_blob(v.data(), {2, 2});
  return std::make_pair(t, 2);
// CHECK-MESSAGES: :[[@LINE-2]]:19: warning: the tensor made by 'from_blob' over 'v' is put in a 'pair' that is returned through 't', but 'v' is destroyed when the function returns: the tensor dangles; clone() it [aliasguard-dangling-from-blob]
// CHECK-MESSAGES: :[[@LINE-4]]:22: note: 'v' is a local buffer declared here
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: the tensor outlives the buffer here
}

struct Sample {
  torch::Tensor image;
  int label;
};

std::vector<Sample> samples_returned() {
  float pixels[4] = {0, 1, 2, 3};
  Sample s{torch::from_blob(pixels, {2, 2}), 1};
  std::vector<Sample> out{s};
  return out;
// CHECK-MESSAGES: :[[@LINE-3]]:19: warning: the tensor made by 'from_blob' over 'pixels' is put in a 'Sample' that is returned through 'out', but 'pixels' is destroyed when the function returns: the tensor dangles; clone() it [aliasguard-dangling-from-blob]
// CHECK-MESSAGES: :[[@LINE-5]]:9: note: 'pixels' is a local buffer declared here
// CHECK-MESSAGES: :[[@LINE-3]]:10: note: the tensor outlives the buffer here
}

std::function<float()> closure_returned() {
  std::vector<float> v = load_values();
  auto t = torch::from_blob(v.data(), {4});
  return [t] { return t.sum().item<float>(); };
// CHECK-MESSAGES: :[[@LINE-2]]:19: warning: the tensor made by 'from_blob' over 'v' is captured by a lambda that is returned through 't', but 'v' is destroyed when the function returns: the tensor dangles; clone() it [aliasguard-dangling-from-blob]
// CHECK-MESSAGES: :[[@LINE-4]]:22: note: 'v' is a local buffer declared here
// CHECK-MESSAGES: :[[@LINE-3]]:11: note: the tensor outlives the buffer here
}

class Trainer {
public:
  void set_hook() {
    std::vector<float> weights = load_values();
    auto w = torch::from_blob(weights.data(), {4});
    on_step_ = [w](const torch::Tensor &x) { return x * w; };
  }
// CHECK-MESSAGES: :[[@LINE-3]]:21: warning: the tensor made by 'from_blob' over 'weights' is captured by a lambda that is stored in the member 'on_step_' through 'w', but 'weights' is destroyed when the function returns: the tensor dangles; clone() it [aliasguard-dangling-from-blob]
// CHECK-MESSAGES: :[[@LINE-5]]:24: note: 'weights' is a local buffer declared here
// CHECK-MESSAGES: :[[@LINE-4]]:14: note: the tensor outlives the buffer here
  void keep_frames() {
    float frame[4] = {};
    std::vector<torch::Tensor> frames{torch::from_blob(frame, {4})};
    history_ = std::move(frames);
  }
// CHECK-MESSAGES: :[[@LINE-3]]:46: warning: the tensor made by 'from_blob' over 'frame' is put in a 'vector' that is stored in the member 'history_' through 'frames', but 'frame' is destroyed when the function returns: the tensor dangles; clone() it [aliasguard-dangling-from-blob]
// CHECK-MESSAGES: :[[@LINE-5]]:11: note: 'frame' is a local buffer declared here
// CHECK-MESSAGES: :[[@LINE-4]]:14: note: the tensor outlives the buffer here
  void init_capture() {
    std::vector<float> v = load_values();
    callbacks_.push_back([t = torch::from_blob(v.data(), {4})] { std::cout << t; });
  }
// CHECK-MESSAGES: :[[@LINE-2]]:38: warning: the tensor made by 'from_blob' over 'v' is captured by a lambda that is stored in the member 'callbacks_', but 'v' is destroyed when the function returns: the tensor dangles; clone() it [aliasguard-dangling-from-blob]
// CHECK-MESSAGES: :[[@LINE-4]]:24: note: 'v' is a local buffer declared here
// CHECK-MESSAGES: :[[@LINE-4]]:16: note: the tensor outlives the buffer here

  // --- silent near-misses -------------------------------------------------
  void cloned_into_lambda() {
    std::vector<float> v = load_values();
    auto t = torch::from_blob(v.data(), {4});
    on_step_ = [t = t.clone()](const torch::Tensor &x) { return x * t; };
  }
  void lambda_used_in_scope() {
    std::vector<float> v = load_values();
    auto t = torch::from_blob(v.data(), {4});
    auto scale = [t](const torch::Tensor &x) { return x * t; };
    std::cout << scale(torch::ones({4}));
  }
  void reference_capture_called_here() {
    std::vector<float> v = load_values();
    auto t = torch::from_blob(v.data(), {4});
    auto show = [&t] { std::cout << t; };
    show();
  }

private:
  std::function<torch::Tensor(const torch::Tensor &)> on_step_;
  std::vector<std::function<void()>> callbacks_;
  std::vector<torch::Tensor> history_;
};

// --- silent near-misses ---------------------------------------------------

std::vector<torch::Tensor> batch_cloned() {
  std::vector<torch::Tensor> batch;
  for (int i = 0; i < 4; ++i) {
    std::vector<float> row = load_values();
    batch.push_back(torch::from_blob(row.data(), {4}).clone());
  }
  return batch;
}

void batch_used_in_scope() {
  std::vector<float> v = load_values();
  std::vector<torch::Tensor> batch{torch::from_blob(v.data(), {4})};
  consume(batch);
}

std::pair<torch::Tensor, int> pair_of_clone() {
  std::vector<float> v = load_values();
  auto t = torch::from_blob(v.data(), {2, 2});
  return std::make_pair(t.clone(), 2);
}

std::tuple<torch::Tensor, float> tuple_of_result() {
  std::vector<float> v = load_values();
  auto t = torch::from_blob(v.data(), {4});
  return std::make_tuple(t * 2, t.sum().item<float>());
}

// A lambda's body sees the buffer of the function around it, which outlives
// the call.
torch::Tensor lambda_over_enclosing_buffer() {
  std::vector<float> v = load_values();
  auto wrap = [&v] { return torch::from_blob(v.data(), {4}); };
  return wrap().sum();
}
