// RUN: %check_aliasguard --tool=cli %s -- %ag_flags
// RUN: %check_aliasguard --tool=tidy %s -- %ag_flags
// Aggregates of tensors, continued: std::get by type, an aggregate passed
// or read as a whole, aggregates nested in aggregates, and functions
// returning an aggregate that holds their parameter or a view of it.
#include <ag/ag.h>
#include <iostream>
#include <tuple>
#include <utility>

void use(const std::pair<ag::Tensor, int> &pr);
void consume_pair(std::pair<ag::Tensor, ag::Tensor> pr);
void refill(std::pair<ag::Tensor, int> &pr);

struct Sample {
  ag::Tensor x;
  int label = 0;
};
void print(const Sample &s);
std::ostream &operator<<(std::ostream &os, const Sample &s);

// --- std::get by type ---------------------------------------------------------

// BUG: std::get<ag::Tensor> names the pair's only tensor, which make_pair
// copied from a.
void get_by_type() {
  ag::Tensor a = ag::ones({3});
  auto pr = std::make_pair(a, 1);
  std::get<ag::Tensor>(pr).add_(1);
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-3]]:28: warning: copying 'a' into 'pr.first' shares its storage, not its data: the in-place write through 'pr.first' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:28: note: in-place write through 'pr.first' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and sees the changed data
// CHECK-FIXES: auto pr = std::make_pair(a.clone(), 1);
}

// BUG: the same on a tuple: reading the element after a write through a.
void get_by_type_tuple_read() {
  ag::Tensor a = ag::ones({4});
  std::tuple<int, ag::Tensor, double> tup{1, a.view({2, 2}), 0.5};
  a.mul_(2);
  std::cout << std::get<ag::Tensor>(tup);
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'a' also changes 'std::get<1>(tup)', which is read later: 'std::get<1>(tup)' is a view of 'a' ('view') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:48: note: 'view' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'std::get<1>(tup)' is read here and sees the changed data
}

// Silent: the element is a clone.
void get_by_type_clone() {
  ag::Tensor a = ag::ones({3});
  auto pr = std::make_pair(a.clone(), 1);
  std::get<ag::Tensor>(pr).add_(1);
  std::cout << a;
}

// Silent: std::get<int> reads only the int.
void get_int_by_type() {
  ag::Tensor a = ag::ones({4});
  auto pr = std::make_pair(a.view({2, 2}), 1);
  a.add_(1);
  std::cout << std::get<int>(pr);
}

// --- An aggregate passed or read as a whole -------------------------------------

// BUG: use(pr) reads pr.first, a view of a, after a's write.
void pass_pair_const_ref() {
  ag::Tensor a = ag::ones({4});
  auto pr = std::make_pair(a.view({2, 2}), 1);
  a.add_(1);
  use(pr);
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'a' also changes 'pr.first', which is read later: 'pr.first' is a view of 'a' ('view') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:30: note: 'view' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'pr.first' is read here and sees the changed data
}

// BUG: passing the pair by value reads both elements; pr.second is b.
void pass_pair_by_value() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = ag::ones({3});
  std::pair<ag::Tensor, ag::Tensor> pr{a.clone(), b};
  b.sub_(1);
  consume_pair(pr);
// CHECK-MESSAGES: :[[@LINE-3]]:51: warning: copying 'b' into 'pr.second' shares its storage, not its data: the in-place write through 'b' also changes 'pr.second'; use 'b.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'b' here
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'pr.second' is read here and sees the changed data
// CHECK-FIXES: std::pair<ag::Tensor, ag::Tensor> pr{a.clone(), b.clone()};
}

// BUG: print(s) and a user operator<< read s.x.
void pass_struct(ag::Tensor a) {
  Sample s{a, 3};
  a.zero_();
  print(s);
// CHECK-MESSAGES: :[[@LINE-3]]:12: warning: copying 'a' into 's.x' shares its storage, not its data: the in-place write through 'a' also changes 's.x'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: 's.x' is read here and sees the changed data
// CHECK-FIXES: Sample s{a.clone(), 3};
}

void stream_struct(ag::Tensor a) {
  Sample s{a.narrow(0, 0, 2), 3};
  a.fill_(0);
  std::cout << s;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'a' also changes 's.x', which is read later: 's.x' is a view of 'a' ('narrow') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:14: note: 'narrow' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 's.x' is read here and sees the changed data
}

// Silent: reading only the int element.
void read_int_element() {
  ag::Tensor a = ag::ones({4});
  auto pr = std::make_pair(a.view({2, 2}), 1);
  a.add_(1);
  std::cout << pr.second;
}

// Silent: the element is a clone.
void pass_pair_of_clone() {
  ag::Tensor a = ag::ones({4});
  auto pr = std::make_pair(a.view({2, 2}).clone(), 1);
  a.add_(1);
  use(pr);
}

// Silent: the element is rebound before the pair is read.
void pass_pair_rebound() {
  ag::Tensor a = ag::ones({4});
  auto pr = std::make_pair(a.view({2, 2}), 1);
  a.add_(1);
  pr.first = ag::zeros({2, 2});
  use(pr);
}

// Silent: a struct copy of clones.
void pass_struct_copy_of_clones(ag::Tensor a) {
  Sample s{a.clone(), 1};
  Sample t = s;
  a.zero_();
  print(t);
}

// Silent: a non-const reference may refill the pair: no read claimed.
void pass_pair_non_const_ref() {
  ag::Tensor a = ag::ones({4});
  auto pr = std::make_pair(a.view({2, 2}), 1);
  a.add_(1);
  refill(pr);
}

// Silent: writing the pair's own element, then reading the pair.
void pass_pair_own_write() {
  auto pr = std::make_pair(ag::ones({4}), 1);
  pr.first.add_(1);
  use(pr);
}

// Silent: the best weights are cloned each time they are kept.
void pass_best_clone(ag::Tensor w) {
  std::pair<ag::Tensor, int> best{w.clone(), 0};
  for (int i = 0; i < 3; ++i) {
    w.add_(1);
    if (i == 1)
      best = {w.clone(), i};
  }
  use(best);
}

// --- Nested aggregates ---------------------------------------------------------

struct Batch {
  std::pair<ag::Tensor, int> io;
  int step = 0;
};

// BUG: pr.first.first is a copy of a.
void nested_pair() {
  ag::Tensor a = ag::ones({3});
  std::pair<std::pair<ag::Tensor, int>, int> pr{{a, 1}, 2};
  pr.first.first.add_(1);
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-3]]:50: warning: copying 'a' into 'pr.first.first' shares its storage, not its data: the in-place write through 'pr.first.first' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:18: note: in-place write through 'pr.first.first' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and sees the changed data
// CHECK-FIXES: std::pair<std::pair<ag::Tensor, int>, int> pr{{[{][{]}}a.clone(), 1}, 2};
}

// BUG: make_pair of make_pair: the inner element views a.
void nested_make_pair() {
  ag::Tensor a = ag::ones({4});
  auto pr = std::make_pair(std::make_pair(a.view({2, 2}), 1), 2);
  a.mul_(3);
  std::cout << pr.first.first;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'a' also changes 'pr.first.first', which is read later: 'pr.first.first' is a view of 'a' ('view') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:45: note: 'view' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'pr.first.first' is read here and sees the changed data
}

// BUG: a struct holding a pair; copying the struct copies the nested handle.
void struct_holding_pair(Batch b) {
  Batch prev = b;
  b.io.first.add_(1);
  std::cout << prev.io.first;
// CHECK-MESSAGES: :[[@LINE-3]]:9: warning: copying 'b.io.first' into 'prev.io.first' shares its storage, not its data: the in-place write through 'b.io.first' also changes 'prev.io.first'; use 'b.io.first.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:14: note: in-place write through 'b.io.first' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'prev.io.first' is read here and sees the changed data
}

// BUG: an inner pair copied out of the outer one shares its element.
void nested_copy_out() {
  std::pair<std::pair<ag::Tensor, int>, int> pr{{ag::ones({3}), 1}, 2};
  auto inner = pr.first;
  inner.first.add_(1);
  std::cout << pr.first.first;
// CHECK-MESSAGES: :[[@LINE-3]]:8: warning: copying 'pr.first.first' into 'inner.first' shares its storage, not its data: the in-place write through 'inner.first' also changes 'pr.first.first'; use 'pr.first.first.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: in-place write through 'inner.first' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'pr.first.first' is read here and sees the changed data
}

// BUG: std::get of a nested tuple element.
void nested_get() {
  ag::Tensor a = ag::ones({3});
  auto t = std::make_tuple(1, std::make_pair(a, 2));
  std::get<0>(std::get<1>(t)).add_(1);
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-3]]:46: warning: copying 'a' into 'std::get<1>(t).first' shares its storage, not its data: the in-place write through 'std::get<1>(t).first' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:31: note: in-place write through 'std::get<1>(t).first' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and sees the changed data
// CHECK-FIXES: auto t = std::make_tuple(1, std::make_pair(a.clone(), 2));
}

// BUG: a reference binding to the inner pair names its elements.
void nested_binding_ref() {
  ag::Tensor a = ag::ones({3});
  std::pair<std::pair<ag::Tensor, int>, int> pr{{a, 1}, 2};
  auto &[in, k] = pr;
  in.first.add_(1);
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-4]]:50: warning: copying 'a' into 'pr.first.first' shares its storage, not its data: the in-place write through 'pr.first.first' also changes 'a'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:12: note: in-place write through 'pr.first.first' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'a' is read here and sees the changed data
// CHECK-FIXES: std::pair<std::pair<ag::Tensor, int>, int> pr{{[{][{]}}a.clone(), 1}, 2};
}

struct Inner {
  ag::Tensor h;
  int k = 0;
};
struct Outer {
  Inner a;
  Inner b;
};

// BUG: a struct of structs: the copy's o.a.h is o's; o.b.h is not written.
void struct_of_structs(Outer o) {
  Outer p = o;
  p.a.h.add_(1);
  std::cout << o.b.h;
  std::cout << o.a.h;
// CHECK-MESSAGES: :[[@LINE-4]]:9: warning: copying 'o.a.h' into 'p.a.h' shares its storage, not its data: the in-place write through 'p.a.h' also changes 'o.a.h'; use 'o.a.h.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-4]]:9: note: in-place write through 'p.a.h' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'o.a.h' is read here and sees the changed data
}

// BUG: the inner pair passed whole reads its tensor.
void pass_inner_pair() {
  ag::Tensor a = ag::ones({4});
  std::pair<std::pair<ag::Tensor, int>, int> pr{{a.view({2, 2}), 1}, 2};
  a.add_(1);
  use(pr.first);
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'a' also changes 'pr.first.first', which is read later: 'pr.first.first' is a view of 'a' ('view') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:52: note: 'view' creates a view of 'a' here
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'pr.first.first' is read here and sees the changed data
}

// Silent: the nested element is a clone.
void nested_clone() {
  ag::Tensor a = ag::ones({3});
  std::pair<std::pair<ag::Tensor, int>, int> pr{{a.clone(), 1}, 2};
  pr.first.first.add_(1);
  std::cout << a;
}

// Silent: the nested element is rebound before the write.
void nested_rebound(Batch b) {
  Batch prev = b;
  prev.io.first = b.io.first.clone();
  b.io.first.add_(1);
  std::cout << prev.io.first;
}

// Silent: reading only the nested int.
void nested_int_read() {
  ag::Tensor a = ag::ones({4});
  auto pr = std::make_pair(std::make_pair(a.view({2, 2}), 1), 2);
  a.mul_(3);
  std::cout << pr.first.second << pr.second;
}

// Silent: the two inner pairs are different elements (same field of the same
// inner type).
void nested_siblings() {
  std::pair<std::pair<ag::Tensor, int>, std::pair<ag::Tensor, int>> pr{{ag::ones({3}), 1},
                                                                      {ag::ones({3}), 2}};
  pr.first.first.add_(1);
  std::cout << pr.second.first;
}

// --- Functions returning an aggregate holding their parameter ------------------

std::pair<ag::Tensor, ag::Tensor> split(ag::Tensor x) {
  return {x.narrow(0, 0, 2), x.narrow(0, 2, 2)};
}

std::pair<ag::Tensor, int> tagged(ag::Tensor x, int tag) { return {x, tag}; }

std::pair<ag::Tensor, ag::Tensor> split_copies(ag::Tensor x) {
  return {x.narrow(0, 0, 2).clone(), x.narrow(0, 2, 2).clone()};
}

Sample wrap(ag::Tensor x) {
  Sample s{x.view({-1}), 0};
  return s;
}

// BUG: the halves are views of x: writing x changes what lo shows.
void split_then_write() {
  ag::Tensor x = ag::ones({4});
  auto [lo, hi] = split(x);
  x.add_(1);
  std::cout << lo;
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'x' also changes 'lo', which is read later: 'lo' is a view of 'x' ('split') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:19: note: 'lo' is a view of 'x' returned by 'split' here
// CHECK-MESSAGES: :[[@LINE-22]]:3: note: 'split' returns a view of its parameter here
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'lo' is read here and sees the changed data
}

// BUG: writing a half changes x.
void split_write_half() {
  ag::Tensor x = ag::ones({4});
  auto halves = split(x);
  halves.second.zero_();
  std::cout << x;
// CHECK-MESSAGES: :[[@LINE-2]]:17: warning: in-place write through 'halves.second' also changes 'x', which is read later: 'halves.second' is a view of 'x' ('split') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:17: note: 'halves.second' is a view of 'x' returned by 'split' here
// CHECK-MESSAGES: :[[@LINE-34]]:3: note: 'split' returns a view of its parameter here
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'x' is read here and sees the changed data
}

// BUG: tagged returns its parameter itself in the pair.
void tagged_write() {
  ag::Tensor x = ag::ones({4});
  auto pr = tagged(x, 1);
  pr.first.mul_(2);
  std::cout << x;
// CHECK-MESSAGES: :[[@LINE-3]]:13: warning: 'pr.first' shares storage with 'x': 'tagged' returns its parameter, not a copy, so the in-place write through 'pr.first' also changes 'x' [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-42]]:60: note: 'tagged' returns its parameter here
// CHECK-MESSAGES: :[[@LINE-4]]:12: note: in-place write through 'pr.first' here
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'x' is read here and sees the changed data
}

// BUG: a struct returned from a local holding a view of the parameter.
void wrap_write() {
  ag::Tensor x = ag::ones({4});
  Sample s = wrap(x);
  x.add_(1);
  print(s);
// CHECK-MESSAGES: :[[@LINE-2]]:5: warning: in-place write through 'x' also changes 's.x', which is read later: 's.x' is a view of 'x' ('wrap') [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:14: note: 's.x' is a view of 'x' returned by 'wrap' here
// CHECK-MESSAGES: :[[@LINE-47]]:3: note: 'wrap' returns a view of its parameter here
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: 's.x' is read here and sees the changed data
}

// Silent: the function returns clones.
void split_copies_write() {
  ag::Tensor x = ag::ones({4});
  auto [lo, hi] = split_copies(x);
  lo.add_(1);
  std::cout << x;
}

// Silent: disjoint halves: writing one does not change the other.
void split_disjoint_halves() {
  ag::Tensor x = ag::ones({4});
  auto [lo, hi] = split(x);
  lo.add_(1);
  std::cout << hi;
}

// Silent: the half is rebound before x is written.
void split_rebound() {
  ag::Tensor x = ag::ones({4});
  auto halves = split(x);
  halves.first = halves.first.clone();
  x.add_(1);
  std::cout << halves.first;
}

// Silent: reading only the int of the tagged pair.
void tagged_int_read() {
  ag::Tensor x = ag::ones({4});
  auto pr = tagged(x, 1);
  x.add_(1);
  std::cout << pr.second;
}
