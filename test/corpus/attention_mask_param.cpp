// An attention helper masks future positions of the score matrix it takes by
// value, through a named row view: the caller's raw scores, which it logs
// afterwards, now contain the mask value.
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

int main() {
  ag::Tensor scores = ag::tensor({{1.0f, 2.0f, 3.0f}, {0.5f, 0.5f, 0.5f}, {2.0f, 1.0f, 0.0f}});
  ag::Tensor attn = causal_softmax(scores);
  std::cout << "attention " << attn << "\n";
  std::cout << "raw score max " << scores.max().item<float>() << "\n";
  return 0;
}
// EXPECT: param-mutation write=12 read=22
