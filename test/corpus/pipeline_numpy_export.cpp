// Exporting raw model scores to a NumPy-side report before post-processing:
// numpy() shares memory, so clamping the scores afterwards changes the
// "raw" export.
#include <ag/ag.h>

#include <iostream>

static double report_max(const ag::NdArray &scores) {
  return ag::tensor(scores).max().item<double>();
}

int main() {
  ag::Tensor logits = ag::tensor({-2.0f, 0.5f, 3.0f, 1.5f});
  ag::NdArray raw_scores = logits.numpy();

  logits.clamp_(0.0f, 1.0f);
  std::cout << "post-processed " << logits << "\n";
  std::cout << "raw max score " << report_max(raw_scores) << "\n";
  return 0;
}
// EXPECT: view-mutation write=16 read=18
// KNOWN-LIMIT: static view-mutation write=16 read=18 -- read-in-callee: the checker reports the call that passes the stale array to a function that reads it; the runtime reports the read inside that function
// KNOWN-LIMIT: dynamic view-mutation write=16 read=9 -- read-in-callee: see the static limit above
