// White-box tests of the fact generator: one fact kind per C++ construct,
// printed block by block with its source location.
// RUN: %aliasguard --dump-facts %s -- %ag_flags 2>/dev/null | %FileCheck %s
#include <ag/ag.h>
#include <utility>
#include <vector>

void use(const ag::Tensor &);

ag::Tensor kinds(ag::Tensor a, std::vector<ag::Tensor> &list) {
  ag::Tensor fresh = ag::zeros({2});
  ag::Tensor row = a.select(0, 0);
  ag::Tensor flat = a.reshape({-1});
  list.push_back(row);
  row.mul_(3);
  use(flat);
  ag::Tensor moved = std::move(fresh);
  return moved;
}
// CHECK-LABEL: facts of 'kinds'
// CHECK:       entry:
// CHECK-NEXT:    10:29 param a <- argument 0
// CHECK-NEXT:    10:57 param list <- argument 1
// CHECK-NEXT:  B1:
// CHECK-NEXT:    11:22 %0 += fresh
// CHECK-NEXT:    11:14 bind fresh := %0
// CHECK-NEXT:    12:20 %0 += load a
// CHECK-NEXT:    12:22 %1 += view of %0 'select' from a
// CHECK-NEXT:    12:14 bind row := %1
// CHECK-NEXT:    13:21 %0 += load a
// CHECK-NEXT:    13:23 %1 += may-view of %0 'reshape' from a
// CHECK-NEXT:    13:14 bind flat := %1
// CHECK-NEXT:    14:3  %0 += load list
// CHECK-NEXT:    14:18 %1 += load row
// CHECK-NEXT:    14:8  %2 += element of %1 'push_back'
// CHECK-NEXT:    14:8  list gains %2
// CHECK-NEXT:    15:3  %0 += load row
// CHECK-NEXT:    15:7  write %0 through row 'mul_'
// CHECK:         16:3  read flat
// CHECK:         17:22 kill fresh
// CHECK-NEXT:    17:14 bind moved := %1
// CHECK-NEXT:    18:10 %0 += load moved
// CHECK-NEXT:    18:3  return %0
