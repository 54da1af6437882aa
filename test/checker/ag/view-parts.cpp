// RUN: %check_aliasguard --tool=cli %s -- -std=c++20 -I%ag_include
// Views that keep provably different elements of one dimension of the same
// tensor (`narrow(0, 0, 2)` and `narrow(0, 2, 2)`, `x[i]` and `x[i + 1]`,
// `select(1, k)` and `select(1, k + 1)`) share the storage but no element:
// writing one does not change the other. Overlapping parts, the same part
// and parts of different dimensions still do.
#include <ag/ag.h>
#include <iostream>

// Near miss: the two halves of a tensor.
void halves() {
  ag::Tensor x = ag::ones({4});
  ag::Tensor lo = x.narrow(0, 0, 2);
  ag::Tensor hi = x.narrow(0, 2, 2);
  lo.add_(1);
  std::cout << hi;
}

// Near miss: neighbouring rows at a symbolic index.
void neighbour_rows(int i) {
  ag::Tensor x = ag::ones({4, 2});
  ag::Tensor a = x[i];
  ag::Tensor b = x[i + 1];
  a.mul_(2);
  std::cout << b;
}

// Near miss: a column written through a temporary view; the next one read.
void neighbour_columns(int k) {
  ag::Tensor x = ag::ones({4, 2});
  ag::Tensor b = x.select(1, k + 1);
  x.select(1, k).zero_();
  std::cout << b;
}

// Near miss: a slice from the start and one that ends at the end.
void head_and_tail() {
  ag::Tensor x = ag::ones({8});
  ag::Tensor head = x.slice(0, 0, 2);
  ag::Tensor tail = x.slice(0, 4);
  tail.fill_(0);
  std::cout << head;
}

// BUG: the ranges overlap (elements 2).
void overlapping_ranges() {
  ag::Tensor x = ag::ones({4});
  ag::Tensor lo = x.narrow(0, 0, 3);
  ag::Tensor hi = x.narrow(0, 2, 2);
  lo.add_(1);
  std::cout << hi;
// CHECK-MESSAGES: :[[@LINE-2]]:6: warning: in-place write through 'lo' also changes 'hi', which is read later: 'lo' is a view of 'x' ('narrow') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:21: note: 'narrow' creates a view of 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'hi' is read here and sees the changed data
}

// BUG: the same row twice.
void same_row(int i) {
  ag::Tensor x = ag::ones({4, 2});
  ag::Tensor a = x[i];
  ag::Tensor b = x[i];
  a.mul_(2);
  std::cout << b;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'a' also changes 'b', which is read later: 'a' is a view of 'x' ('operator[]') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:18: note: 'operator[]' creates a view of 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'b' is read here and sees the changed data
}

// BUG: a row and a column cross at one element.
void row_and_column() {
  ag::Tensor x = ag::ones({4, 4});
  ag::Tensor row = x.select(0, 0);
  ag::Tensor col = x.select(1, 1);
  row.mul_(2);
  std::cout << col;
// CHECK-MESSAGES: :[[@LINE-2]]:7: warning: in-place write through 'row' also changes 'col', which is read later: 'row' is a view of 'x' ('select') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:22: note: 'select' creates a view of 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'col' is read here and sees the changed data
}

// BUG: the base holds every part.
void part_then_base() {
  ag::Tensor x = ag::ones({4});
  ag::Tensor lo = x.narrow(0, 0, 2);
  lo.add_(1);
  std::cout << x;
// CHECK-MESSAGES: :[[@LINE-2]]:6: warning: in-place write through 'lo' also changes 'x', which is read later: 'lo' is a view of 'x' ('narrow') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:21: note: 'narrow' creates a view of 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'x' is read here and sees the changed data
}

// BUG: the index is not known to differ.
void unrelated_indices(int i, int j) {
  ag::Tensor x = ag::ones({4, 2});
  ag::Tensor a = x[i];
  ag::Tensor b = x[j];
  a.mul_(2);
  std::cout << b;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'a' also changes 'b', which is read later: 'a' is a view of 'x' ('operator[]') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:18: note: 'operator[]' creates a view of 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'b' is read here and sees the changed data
}

// BUG: a part of a part is not a part of the handle's rows: row 0 of the
// transpose is column 0, which row 1 crosses.
void part_of_a_transposed_view() {
  ag::Tensor x = ag::ones({2, 2});
  ag::Tensor a = x.t()[0];
  ag::Tensor b = x[1];
  a.mul_(2);
  std::cout << b;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'a' also changes 'b', which is read later: 'a' is a view of 'x' ('operator[]') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:18: note: 'operator[]' creates a view of 'x' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'b' is read here and sees the changed data
}
