// Collate helpers that state their contract: one masks the caller's batch in
// place (trailing '_' and a non-const reference), the other works on a clone.
#include <ag/ag.h>

#include <iostream>

void mask_padding_(ag::Tensor &batch, int64_t valid) {
  batch.narrow(1, valid, batch.size(1) - valid).zero_();
}

ag::Tensor masked_sums(const ag::Tensor &batch, int64_t valid) {
  ag::Tensor copy = batch.clone();
  copy.narrow(1, valid, copy.size(1) - valid).zero_();
  return copy.sum({1});
}

int main() {
  ag::Tensor batch = ag::arange(1, 9, ag::kFloat).view({2, 4});
  std::cout << "masked sums " << masked_sums(batch, 3) << "\n";
  std::cout << "total including padding " << batch.sum().item<float>() << "\n";
  mask_padding_(batch, 2);
  std::cout << "masked batch " << batch << "\n";
  return 0;
}
// EXPECT: none
