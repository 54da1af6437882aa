// Idiomatic code that shares nothing by mistake: no report, exit status 0.
// RUN: %agcxx %s -o %t %ag_checked
// RUN: %expect_exit 0 %t > %t.out 2> %t.err
// RUN: %FileCheck %s --check-prefix=OUT < %t.out
// RUN: %FileCheck %s --allow-empty < %t.err
// CHECK-NOT: aliasguard
#include <ag/ag.h>
#include <iostream>
#include <thread>
#include <utility>
#include <vector>

ag::Tensor first_row(const ag::Tensor &m) { return m[0]; }

// A trailing '_' says "writes its argument", by-value parameter or not.
void clip_(ag::Tensor t) { t.clamp_(0, 1); }

int main() {
  // clone
  ag::Tensor a = ag::ones({3});
  ag::Tensor backup = a.clone();
  a.add_(1);
  std::cout << backup.sum().item<float>() << "\n";
  // rebinding to a new tensor
  ag::Tensor r = ag::ones({2});
  ag::Tensor r0 = r;
  r = r * 2;
  r.add_(1);
  std::cout << r0 << "\n";
  // a reference is the same handle
  ag::Tensor s = ag::ones({2});
  ag::Tensor &ref = s;
  ref.mul_(3);
  std::cout << s << "\n";
  // a move transfers the handle
  ag::Tensor m = ag::ones({2});
  ag::Tensor moved = std::move(m);
  moved.add_(1);
  std::cout << moved << "\n";
  // writes through temporary views are the base's own writes
  ag::Tensor x = ag::zeros({4});
  ag::Tensor xs = x;
  x.narrow(0, 0, 2).fill_(1);
  x[3] = 5;
  x.index({ag::indexing::Slice(1, 2)}).fill_(2);
  std::cout << x << "\n";
  // a scoped view that died is its base's write too
  ag::Tensor y = ag::zeros({2, 2});
  {
    ag::Tensor row = y[0];
    row.fill_(7);
  }
  std::cout << y.sum().item<float>() << "\n";
  // metadata reads are not reads
  ag::Tensor z = ag::ones({2, 3});
  ag::Tensor zv = z.view({6});
  zv.add_(1);
  std::cout << z.sizes() << " " << z.numel() << " " << z.dim() << " " << z.is_contiguous() << "\n";
  // reading only the view, and writing only the base before the view is made
  ag::Tensor b = ag::ones({4});
  b.add_(1);
  ag::Tensor bv = b.view({2, 2});
  std::cout << bv.sum().item<float>() << "\n";
  // rows are disjoint: writing one row's view does not change another's
  ag::Tensor grid = ag::zeros({2, 3});
  ag::Tensor row0 = grid[0], row1 = grid[1];
  row0.fill_(1);
  std::cout << row1.sum().item<float>() << "\n";
  // the written handle is the one read
  ag::Tensor w = ag::ones({2});
  ag::Tensor wv = w.view({2});
  wv.add_(1);
  std::cout << wv << "\n";
  // the intent API: shared on purpose
  ag::Tensor p = ag::ones({2});
  ag::Tensor q = p;
  ag::alias::shared(p, q);
  q.add_(1);
  std::cout << p << "\n";
  // a scoped allowance
  ag::Tensor u = ag::ones({2});
  ag::Tensor uv = u.view({2});
  uv.add_(1);
  {
    ag::alias::ScopedAllow allow;
    std::cout << u << "\n";
  }
  // a function returning a view, used only to read
  ag::Tensor mat = ag::ones({2, 2});
  std::cout << first_row(mat).sum().item<float>() << "\n";
  // an in-place function by convention
  ag::Tensor g = ag::tensor({-1.0f, 2.0f});
  clip_(g);
  std::cout << g << "\n";
  // a fresh tensor per iteration, pushed into a vector
  std::vector<ag::Tensor> batch;
  for (int i = 0; i < 3; ++i) {
    ag::Tensor t = ag::full({2}, i);
    batch.push_back(t);
  }
  std::cout << batch[2] << "\n";
  // handles used from another thread, each with its own tensor
  std::thread worker([] {
    ag::Tensor k = ag::ones({8});
    ag::Tensor kc = k.clone();
    k.add_(1);
    std::cout << kc.sum().item<float>() << "\n";
  });
  worker.join();
  std::cout << "done " << ag::alias::enabled() << " " << ag::alias::report_count() << "\n";
  return 0;
}
// OUT: done 1 0
