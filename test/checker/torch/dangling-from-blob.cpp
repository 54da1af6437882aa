// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli --checks=aliasguard-dangling-from-blob %s -- %torch_flags
// RUN: %check_aliasguard --tool=tidy --checks=aliasguard-dangling-from-blob %s -- %torch_flags
// A tensor made by from_blob over memory that dies (or moves) before it.
#include <torch/torch.h>
#include <iostream>
#include <vector>

std::vector<float> load_values();

torch::Tensor from_array() {
  float buf[4] = {1, 2, 3, 4};
  return torch::from_blob(buf, {4});
// CHECK-MESSAGES: :[[@LINE-1]]:17: warning: the tensor made by 'from_blob' over 'buf' is returned, but 'buf' is destroyed when the function returns: the tensor dangles; clone() it [aliasguard-dangling-from-blob]
// CHECK-MESSAGES: :[[@LINE-3]]:9: note: 'buf' is a local buffer declared here
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the tensor outlives the buffer here
// CHECK-FIXES: {{^}}  return torch::from_blob(buf, {4}).clone();{{$}}
}

torch::Tensor through_view() {
  std::vector<float> v = load_values();
  auto t = torch::from_blob(v.data(), {2, 2}).t();
  return t;
// CHECK-MESSAGES: :[[@LINE-2]]:19: warning: the tensor made by 'from_blob' over 'v' is returned through 't', but 'v' is destroyed when the function returns: the tensor dangles; clone() it [aliasguard-dangling-from-blob]
// CHECK-MESSAGES: :[[@LINE-4]]:22: note: 'v' is a local buffer declared here
// CHECK-MESSAGES: :[[@LINE-3]]:10: note: the tensor outlives the buffer here
// CHECK-FIXES: {{^}}  auto t = torch::from_blob(v.data(), {2, 2}).clone().t();{{$}}
}

struct Cache {
  torch::Tensor last;
  std::vector<torch::Tensor> all;
  void update() {
    std::vector<float> v = load_values();
    last = torch::from_blob(v.data(), {4});
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: the tensor made by 'from_blob' over 'v' is stored in the member 'last', but 'v' is destroyed when the function returns: the tensor dangles; clone() it [aliasguard-dangling-from-blob]
// CHECK-MESSAGES: :[[@LINE-3]]:24: note: 'v' is a local buffer declared here
// CHECK-MESSAGES: :[[@LINE-3]]:10: note: the tensor outlives the buffer here
// CHECK-FIXES: {{^}}    last = torch::from_blob(v.data(), {4}).clone();{{$}}
  }
};

void out_param(torch::Tensor &out) {
  std::vector<float> v = load_values();
  out = torch::from_blob(v.data(), {4});
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: the tensor made by 'from_blob' over 'v' is stored in the caller's 'out', but 'v' is destroyed when the function returns: the tensor dangles; clone() it [aliasguard-dangling-from-blob]
// CHECK-MESSAGES: :[[@LINE-3]]:22: note: 'v' is a local buffer declared here
// CHECK-MESSAGES: :[[@LINE-3]]:7: note: the tensor outlives the buffer here
// CHECK-FIXES: {{^}}  out = torch::from_blob(v.data(), {4}).clone();{{$}}
}

void from_temporary() {
  auto t = torch::from_blob(load_values().data(), {4});
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-2]]:19: warning: the tensor made by 'from_blob' over a temporary is bound to 't', but the temporary is destroyed at the end of the statement: the tensor dangles; clone() it [aliasguard-dangling-from-blob]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: the tensor outlives the buffer here
// CHECK-FIXES: {{^}}  auto t = torch::from_blob(load_values().data(), {4}).clone();{{$}}
}

void reallocates() {
  std::vector<float> v = load_values();
  auto t = torch::from_blob(v.data(), {4});
  v.push_back(5);
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'push_back' may reallocate the storage of 'v' while 't', made by 'from_blob' over it, still views the old one [aliasguard-dangling-from-blob]
// CHECK-MESSAGES: :[[@LINE-4]]:19: note: 'from_blob' makes 't' over the data of 'v' here
// CHECK-MESSAGES: :[[@LINE-3]]:16: note: 't' is used here
}

// --- silent near-misses ---------------------------------------------------

torch::Tensor cloned() {
  std::vector<float> v = load_values();
  return torch::from_blob(v.data(), {4}).clone();
}

torch::Tensor cloned_later() {
  std::vector<float> v = load_values();
  auto t = torch::from_blob(v.data(), {4});
  return t.clone();
}

float used_in_scope() {
  float buf[4] = {1, 2, 3, 4};
  auto t = torch::from_blob(buf, {4});
  return t.sum().item<float>();
}

torch::Tensor converted() {
  std::vector<uint8_t> pixels(4);
  return torch::from_blob(pixels.data(), {4}, torch::kByte).to(torch::kFloat);
}

torch::Tensor callers_buffer(std::vector<float> &v) { return torch::from_blob(v.data(), {4}); }

void grown_before() {
  std::vector<float> v = load_values();
  v.push_back(1);
  auto t = torch::from_blob(v.data(), {5});
  std::cout << t;
}

void grown_after_last_use() {
  std::vector<float> v = load_values();
  auto t = torch::from_blob(v.data(), {4});
  std::cout << t;
  v.push_back(1);
}
