// How often the LibTorch checker unwinds the stack (the costly part of a
// tracked op), counted by the library's ag_torch_stack_captures(): at most
// once per op, and not at all for a loop of writes that no view reads.
// REQUIRES: torch
// RUN: %torchcxx -c %s -o %t.o
// RUN: %torchlink %t.o -o %t.plain
// RUN: %torchlink_checked %t.o -o %t.linked
// RUN: %expect_exit 0 env %torch_preload %t.plain > %t.out 2> %t.err
// RUN: %FileCheck %s < %t.out
// RUN: %FileCheck %s --check-prefix=QUIET --allow-empty < %t.err
// RUN: %expect_exit 0 %t.linked > %t.out 2> %t.err
// RUN: %FileCheck %s < %t.out
// RUN: %FileCheck %s --check-prefix=QUIET --allow-empty < %t.err
// QUIET-NOT: aliasguard
// Without the checker there is no counter.
// RUN: %expect_exit 0 %t.plain > %t.out
// RUN: %FileCheck %s --check-prefix=OFF < %t.out
// OFF: no checker
#include <torch/torch.h>

#include <dlfcn.h>

#include <cstdint>
#include <iostream>
#include <vector>

using Counter = uint64_t (*)();
Counter counter = reinterpret_cast<Counter>(dlsym(RTLD_DEFAULT, "ag_torch_stack_captures"));

uint64_t captures() { return counter(); }

int main() {
  if (!counter) {
    std::cout << "no checker\n";
    return 0;
  }
  // One op with several results that are views: one stack for all of them
  // (each result was unwound on its own before).
  torch::Tensor y = torch::zeros({4});
  uint64_t before = captures();
  std::vector<torch::Tensor> halves = y.chunk(2);
  std::cout << "chunk into 2 views: " << captures() - before << "\n";
  // CHECK: chunk into 2 views: 1{{$}}
  before = captures();
  std::vector<torch::Tensor> elements = y.unbind();
  std::cout << "unbind into 4 views: " << captures() - before << "\n";
  // CHECK-NEXT: unbind into 4 views: 1{{$}}

  // x[0].fill_(1) is two ops, select (operator[]) and fill_, each unwound
  // once: where the view was made and where it was written are two program
  // points, which differ when the view is named (auto v = x[0]; v.fill_(1);
  // reports.cpp prints both lines), and the run time cannot tell the two
  // forms apart without the stack.
  torch::Tensor x = torch::zeros({4});
  before = captures();
  x[0].fill_(1);
  std::cout << "temporary view written: " << captures() - before << "\n";
  // CHECK-NEXT: temporary view written: 2{{$}}
  before = captures();
  torch::Tensor v = x[1];
  std::cout << "view made: " << captures() - before << "\n";
  // CHECK-NEXT: view made: 1{{$}}
  before = captures();
  v.fill_(2);
  std::cout << "view written: " << captures() - before << "\n";
  // CHECK-NEXT: view written: 1{{$}}

  // A loop writing a tracked tensor whose views nobody reads: the first
  // write is recorded with its stack, the repeats without one.
  torch::Tensor a = torch::zeros({4});
  torch::Tensor av = a.view({2, 2});
  before = captures();
  for (int i = 0; i < 10; ++i)
    a.add_(1);
  std::cout << "10 writes, no reads: " << captures() - before << "\n";
  // CHECK-NEXT: 10 writes, no reads: 1{{$}}

  // Untracked tensors never unwind.
  torch::Tensor b = torch::ones({4});
  before = captures();
  b.add_(1);
  torch::Tensor c = b * 2;
  std::cout << "untracked: " << captures() - before << "\n";
  // CHECK-NEXT: untracked: 0{{$}}
  std::cout << halves.size() + elements.size() << " " << av.numel() << " "
            << c.sum().item<float>() << "\n";
  return 0;
}
