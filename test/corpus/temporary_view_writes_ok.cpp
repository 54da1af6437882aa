// Masking padded positions and setting special tokens through temporary
// views: each write is the batch tensor's own write, read afterwards on
// purpose.
#include <ag/ag.h>

#include <iostream>

using ag::indexing::Slice;

int main() {
  ag::Tensor batch = ag::ones({3, 5});
  const int64_t lengths[] = {5, 3, 2};

  for (int64_t i = 0; i < batch.size(0); ++i)
    if (lengths[i] < batch.size(1))
      batch[i].narrow(0, lengths[i], batch.size(1) - lengths[i]).fill_(0);
  batch.index({Slice(), 0}).fill_(2); // the start token
  batch[0][4] = 3;
  batch.index_put_({2, 1}, 4);

  std::cout << batch << "\n";
  std::cout << "tokens per row " << batch.sum({1}) << "\n";
  return 0;
}
// EXPECT: none
