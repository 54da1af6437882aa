// White-box tests of the aggregates' facts, continued: std::get by type,
// nested aggregates, an aggregate passed whole, and a returned aggregate's
// elements in the summary.
// RUN: %aliasguard --dump-facts %s -- %ag_flags 2>/dev/null | %FileCheck %s
#include <ag/ag.h>
#include <tuple>
#include <utility>

void use(const std::pair<ag::Tensor, int> &pr);

std::pair<ag::Tensor, ag::Tensor> split(ag::Tensor x) {
  return {x.narrow(0, 0, 2), x};
}

void elements(ag::Tensor a) {
  auto pr = std::make_pair(a, 1);
  std::get<ag::Tensor>(pr).add_(1);
  std::pair<std::pair<ag::Tensor, int>, int> nested{{a, 1}, 2};
  nested.first.first.add_(1);
  use(pr);
  auto halves = split(a);
}
// A returned aggregate: one return fact per element, marked with its index
// and whether it is the parameter itself.
// CHECK-LABEL: facts of 'split'
// CHECK:         12:13   %1 += view of %0 'narrow' from x
// CHECK-NEXT:    12:30   %2 += load x
// CHECK-NEXT:    12:3    return %1 as element 0
// CHECK-NEXT:    12:3    return %2 as element 1 (the parameter itself)
// CHECK-LABEL: facts of 'elements'
// std::get by type loads the element's handle, as std::get<0> would.
// CHECK:         16:28   bind pr.first := %0
// CHECK-NEXT:    17:3    %0 += load pr.first
// CHECK-NEXT:    17:28   write %0 through pr.first 'add_'
// A nested element is a handle of its own, named by its path.
// CHECK:         18:54   bind nested.first.first := %0
// CHECK-NEXT:    19:16   %0 += load nested.first.first
// CHECK-NEXT:    19:22   write %0 through nested.first.first 'add_'
// Passed whole to a const reference: a read of each tensor element.
// CHECK:         20:3    read pr.first
// The summary's elements: the first a view of a, the second a itself.
// CHECK-NEXT:    21:23   %0 += load a
// CHECK-NEXT:    21:17   read a
// CHECK-NEXT:    21:17   %1 += returns-param-view of %0 'split' from a
// CHECK-NEXT:    21:17   %2 += returns-param of %0 'split' from a
// CHECK-NEXT:    21:8    bind halves.first := %1
// CHECK-NEXT:    21:8    bind halves.second := %2
// The nested elements leave scope with their aggregate.
// CHECK:         22:1    kill nested.first.first
