// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli --checks=aliasguard-overlapping-inplace %s -- %torch_flags
// An in-place op whose operand is a view of the written tensor at another
// offset, and in-place writes into an expanded tensor.
#include <torch/torch.h>
#include <iostream>

void broadcast_row(torch::Tensor a) {
  a.sub_(a[0]);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'sub_' writes 'a' while reading 'a[0]', which overlaps it at other positions: elements may be read after they were overwritten, depending on the iteration order and the number of threads [aliasguard-overlapping-inplace]
// CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'operator[]' makes the operand a view into the written tensor here
}

void broadcast_column(torch::Tensor a) {
  a -= a.slice(1, 0, 1);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place '-=' writes 'a' while reading 'a.slice(1, 0, 1)', which overlaps it at other positions: elements may be read after they were overwritten, depending on the iteration order and the number of threads [aliasguard-overlapping-inplace]
// CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'slice' makes the operand a view into the written tensor here
}

void shift_rows(torch::Tensor a) {
  a.slice(0, 1).copy_(a.slice(0, 0, -1));
// CHECK-MESSAGES: :[[@LINE-1]]:17: warning: in-place 'copy_' writes 'a.slice(0, 1)' while reading 'a.slice(0, 0, -1)', which overlaps it at other positions: elements may be read after they were overwritten, depending on the iteration order and the number of threads [aliasguard-overlapping-inplace]
// CHECK-MESSAGES: :[[@LINE-2]]:25: note: 'slice' makes the operand a view into the written tensor here
}

void symmetrise(torch::Tensor m) {
  m.add_(m.t());
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'add_' writes 'm' while reading 'm.t()', which overlaps it at other positions: elements may be read after they were overwritten, depending on the iteration order and the number of threads [aliasguard-overlapping-inplace]
// CHECK-MESSAGES: :[[@LINE-2]]:12: note: 't' makes the operand a view into the written tensor here
}

// Through a local initialised with a view and never reassigned.
void named_row(torch::Tensor a) {
  auto first = a[0];
  a.sub_(first);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'sub_' writes 'a' while reading 'first', which overlaps it at other positions: elements may be read after they were overwritten, depending on the iteration order and the number of threads [aliasguard-overlapping-inplace]
// CHECK-MESSAGES: :[[@LINE-3]]:16: note: 'operator[]' makes the operand a view into the written tensor here
}

void expanded(torch::Tensor bias) {
  bias.expand({4, 3}).add_(1);
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: in-place 'add_' writes 'bias.expand{{.*}}', an expanded tensor: its broadcast elements share one memory location, so each is written several times (LibTorch rejects most such writes at run time) [aliasguard-overlapping-inplace]
// CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'expand' repeats elements without copying here
  auto wide = bias.expand({4, 3});
  wide.mul_(2);
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: in-place 'mul_' writes 'wide', an expanded tensor: its broadcast elements share one memory location, so each is written several times (LibTorch rejects most such writes at run time) [aliasguard-overlapping-inplace]
// CHECK-MESSAGES: :[[@LINE-3]]:20: note: 'expand' repeats elements without copying here
}

// --- silent near-misses ---------------------------------------------------

void same_view(torch::Tensor a) {
  a.add_(a);          // each element meets itself
  a[0].add_(a[0]);    // the identical view
  a.mul_(a.detach()); // same positions
  a.add_(a.slice(0)); // the whole dimension
}

void disjoint(torch::Tensor a) {
  a[0].copy_(a[1]);
  a.slice(0, 0, 2).copy_(a.slice(0, 2, 4));
  a.narrow(0, 0, 2).add_(a.narrow(0, 2, 2));
}

void unknown_offsets(torch::Tensor a, int i) {
  a[i].copy_(a[i - 1]);                   // not constants: nothing is claimed
  a.select(0, 0).add_(a.select(1, 0));    // different dimensions
}

void not_views(torch::Tensor a) {
  a.mul_(a.sum());                        // a new tensor
  a.add_(a.t().contiguous());             // a copy of the transpose
  auto row = a[0];
  a = a * 2;                              // a is another tensor now
  a.sub_(row);
}
