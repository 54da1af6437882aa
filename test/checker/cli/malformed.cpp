// Malformed input: clang's errors, a non-zero exit, no crash, no finding.
// RUN: %not %aliasguard %s -- %ag_flags 2>&1 | %FileCheck %s
// CHECK: error: use of undeclared identifier 'undeclared'
// CHECK-NOT: aliasguard-
// CHECK-NOT: PLEASE submit a bug report
#include <ag/ag.h>

void broken() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = a;
  b.add_(undeclared);
  std::cout << a
}

template <typename T> void dependent(T t) { auto u = t; u.add_(1); t.print(; }

// A missing file is an error too.
// RUN: %not %aliasguard %S/does-not-exist.cpp -- %ag_flags 2>&1 | %FileCheck %s --check-prefix=MISSING
// MISSING: does-not-exist.cpp
