// RUN: %check_aliasguard --tool=cli %s -- %ag_flags
// Idiomatic code: every check enabled, not one warning.
#include <ag/ag.h>
#include <iostream>
#include <utility>
#include <vector>

ag::Tensor mlp_step(const ag::Tensor &x, ag::Tensor w, float lr) {
  ag::Tensor y = x.matmul(w);
  ag::Tensor grad = y.clone();
  grad.mul_(lr);
  ag::Tensor w_next = w - grad;
  w_next.clamp_(-1, 1);
  return w_next;
}

void accumulate(ag::Tensor &total, const std::vector<ag::Tensor> &parts) {
  for (const ag::Tensor &p : parts)
    total.add_(p);
}

void temporaries() {
  ag::Tensor x = ag::arange(0, 12).view({3, 4});
  x.narrow(0, 0, 2).fill_(0);
  x[2][1] = 5;
  x.index_put_({0, 0}, 3);
  ag::Tensor b = x.clone();
  b = b + 1;
  b.add_(1);
  ag::Tensor &r = x;
  r.mul_(2);
  std::cout << x << b << x.sizes()[0] << x.dim() << x.numel();
  ag::Tensor moved = std::move(b);
  moved.sub_(1);
  std::cout << moved;
  ag::Tensor s = x.sum();
  s.add_(1);
  std::cout << x << s;
  std::cout << x.item<float>();
}

void loop_fresh(int n) {
  ag::Tensor acc = ag::zeros({2});
  for (int i = 0; i < n; ++i) {
    ag::Tensor t = ag::ones({2});
    t.mul_(i);
    acc = acc + t;
  }
  std::cout << acc;
}

struct Model {
  ag::Tensor weight = ag::ones({2});
  void update_(const ag::Tensor &g) { weight.sub_(g); }
  ag::Tensor forward(const ag::Tensor &x) const { return x * weight; }
};
