// RUN: %check_aliasguard --tool=cli %s -- %ag_flags
// One write, one warning: when a caller's param-mutation story tells a
// callee's write (in its "written by" note), the callee's own view story about
// the same write is not reported again.
#include <ag/ag.h>
#include <iostream>

ag::Tensor causal_softmax(ag::Tensor scores) {
  for (int64_t i = 0; i < scores.size(0); ++i) {
    ag::Tensor row = scores[i];
    if (i + 1 < scores.size(1))
      row.narrow(0, i + 1, scores.size(1) - i - 1).fill_(-1e9f);
  }
  ag::Tensor e = (scores - scores.max()).exp();
  return e / e.sum({1}, true);
}

void logs_raw_scores() {
  ag::Tensor scores = ag::rand({3, 3});
  ag::Tensor attn = causal_softmax(scores);
  std::cout << attn << scores.max().item<float>();
// CHECK-MESSAGES: :[[@LINE-2]]:21: warning: 'causal_softmax' writes its parameter 'scores' in place, which changes 'scores': a tensor taken by value shares storage with the argument, and 'scores' is read after the call [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-11]]:52: note: written by 'causal_softmax' here
// CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'scores' is read here and sees the changed data
// CHECK-MESSAGES: :[[@LINE-17]]:38: note: 'scores' declared here; pass a clone, or make the callee clone it or take it as a non-const reference
}
