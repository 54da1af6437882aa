// White-box tests of the aggregates' facts: each tensor element of a pair,
// tuple or struct is a handle of its own.
// RUN: %aliasguard --dump-facts %s -- %ag_flags 2>/dev/null | %FileCheck %s
#include <ag/ag.h>
#include <tuple>
#include <utility>

std::pair<ag::Tensor, ag::Tensor> two();
struct State {
  ag::Tensor h;
  int steps;
};

void elements(ag::Tensor a, State s) {
  auto pr = std::make_pair(a, a.clone());
  auto [x, y] = pr;
  std::tuple<ag::Tensor, int> tup{a, 1};
  std::get<0>(tup).add_(1);
  State s2 = s;
  auto [u, v] = two();
  std::tie(x, y) = two();
}
// CHECK-LABEL: facts of 'elements'
// CHECK:       entry:
// CHECK-NEXT:    14:26 param a <- argument 0
// make_pair: each element is bound to its argument's value.
// CHECK:         15:28 %0 += load a
// CHECK-NEXT:    15:31 %1 += load a
// CHECK-NEXT:    15:33 read a
// CHECK-NEXT:    15:33 %2 += fresh
// CHECK-NEXT:    15:28 bind pr.first := %0
// CHECK-NEXT:    15:31 bind pr.second := %2
// A by-value structured binding copies the elements' handles; the bindings
// are named as written.
// CHECK-NEXT:    16:17 %0 += load pr.first
// CHECK-NEXT:    16:17 %1 += load pr.second
// CHECK-NEXT:    16:8  bind x := %0
// CHECK-NEXT:    16:8  bind y := %1
// Only the tuple's tensor element is a handle; std::get<0> names it.
// CHECK:         17:35 %0 += load a
// CHECK-NEXT:    17:35 bind std::get<0>(tup) := %0
// CHECK-NEXT:    18:3  %0 += load std::get<0>(tup)
// CHECK-NEXT:    18:20 write %0 through std::get<0>(tup) 'add_'
// A struct copy copies its tensor field.
// CHECK:         19:14 %0 += load s.h
// CHECK-NEXT:    19:9  bind s2.h := %0
// A returned pair: a new storage per element.
// CHECK-NEXT:    20:17 %0 += fresh
// CHECK-NEXT:    20:17 %1 += fresh
// CHECK-NEXT:    20:8  bind u := %0
// CHECK-NEXT:    20:8  bind v := %1
// std::tie rebinds the tied handles.
// CHECK:         21:20 %2 += fresh
// CHECK-NEXT:    21:20 %3 += fresh
// CHECK-NEXT:    21:18 bind x := %2
// CHECK-NEXT:    21:18 bind y := %3
// The elements leave scope with their aggregate.
// CHECK:         22:1  kill s2.h
// CHECK:         22:1  kill pr.first
// CHECK-NEXT:    22:1  kill pr.second
