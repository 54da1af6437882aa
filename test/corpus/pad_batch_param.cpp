// A collate helper zeroes the padding columns of the batch it receives by
// value (through a temporary narrow view): the caller's batch, which it
// still uses to compute the unpadded feature sum, is modified.
#include <ag/ag.h>

#include <iostream>

ag::Tensor collate(ag::Tensor batch, int64_t valid) {
  batch.narrow(1, valid, batch.size(1) - valid).zero_();
  return batch.sum({1});
}

int main() {
  ag::Tensor batch = ag::arange(1, 9, ag::kFloat).view({2, 4});
  ag::Tensor row_sums = collate(batch, 3);
  std::cout << "row sums of valid features " << row_sums << "\n";
  std::cout << "total including padding " << batch.sum().item<float>() << "\n";
  return 0;
}
// EXPECT: param-mutation write=9 read=17
