// A user model file teaches aliasguard another library's API.
// RUN: %check_aliasguard --tool=cli %s -- %ag_flags -I%S/Inputs
// RUN: rm -rf %t.cfg && mkdir -p %t.cfg
// RUN: %aliasguard --model=%S/Inputs/mylib-model.yaml %s -- %ag_flags -I%S/Inputs 2>&1 | %FileCheck %s --check-prefix=MODEL --implicit-check-not='warning:'
// RUN: echo 'types: [{name: x, methods: {frobnicate: [f]}}]' > %t.cfg/bad.yaml
// RUN: %not %aliasguard --model=%t.cfg/bad.yaml %s -- %ag_flags -I%S/Inputs 2>&1 | %FileCheck %s --check-prefix=BAD
// BAD: error: unknown method effect 'frobnicate'
#include "mylib.h"

void view_then_scale() {
  mylib::Blob b(8);
  mylib::Blob w = b.window(0, 4);
  w.scale(2);
  mylib::consume(b);
}
// MODEL: model-config.cpp:[[@LINE-3]]:5: warning: in-place write through 'w' also changes 'b', which is read later: 'w' is a view of 'b' ('window') [aliasguard-view-mutation]

void copy_then_scale() {
  mylib::Blob b(8);
  mylib::Blob c = b;
  c.scale(2);
  float t = b.total();
  (void)t;
}
// MODEL: model-config.cpp:[[@LINE-5]]:15: warning: copying 'b' into 'c' shares its storage, not its data: the in-place write through 'c' also changes 'b'; use 'b.dup()' for an independent copy [aliasguard-assign-instead-of-clone]

void silent() {
  mylib::Blob b(8);
  mylib::Blob d = b.dup();
  d.scale(2);
  mylib::Blob w = b.window(0, 2);
  int n = b.length();
  w.scale(n);
  (void)d.total();
}
