// ag has no from_blob of its own; a model file's `view_of_buffer` function is
// one (as torch::from_blob is in the built-in model).
// RUN: rm -rf %t.cfg && mkdir -p %t.cfg
// RUN: echo 'functions: [{name: agx::wrap, effect: view_of_buffer}]' > %t.cfg/model.yaml
// RUN: %aliasguard --checks=aliasguard-dangling-from-blob --model=%t.cfg/model.yaml %s -- %ag_flags 2>&1 | %FileCheck %s --implicit-check-not='warning:'
#include <ag/ag.h>
#include <iostream>
#include <vector>

namespace agx {
ag::Tensor wrap(float *data, int64_t n); // a tensor over data, not owning it
}

ag::Tensor returned() {
  std::vector<float> v(4, 1.f);
  return agx::wrap(v.data(), 4).view({2, 2});
}
// CHECK: dangling-from-blob.cpp:[[@LINE-2]]:15: warning: the tensor made by 'wrap' over 'v' is returned, but 'v' is destroyed when the function returns: the tensor dangles; clone() it [aliasguard-dangling-from-blob]

struct Holder {
  ag::Tensor t;
  void keep() {
    float buf[4] = {};
    t = agx::wrap(buf, 4);
  }
// CHECK: dangling-from-blob.cpp:[[@LINE-2]]:14: warning: the tensor made by 'wrap' over 'buf' is stored in the member 't', but 'buf' is destroyed when the function returns: the tensor dangles; clone() it [aliasguard-dangling-from-blob]
};

void grows() {
  std::vector<float> v(4);
  ag::Tensor t = agx::wrap(v.data(), 4);
  v.resize(100);
  std::cout << t;
}
// CHECK: dangling-from-blob.cpp:[[@LINE-3]]:5: warning: 'resize' may reallocate the storage of 'v' while 't', made by 'wrap' over it, still views the old one [aliasguard-dangling-from-blob]

// Silent: a clone escapes; the view is used only while the buffer lives.
ag::Tensor cloned() {
  std::vector<float> v(4, 1.f);
  return agx::wrap(v.data(), 4).clone();
}
float in_scope() {
  float buf[4] = {1, 2, 3, 4};
  ag::Tensor t = agx::wrap(buf, 4);
  return t.sum().item().to<float>();
}
