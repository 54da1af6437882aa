// Running mean and variance of a normalisation layer, updated in place (the
// buffers are the layer's state); batch statistics are new tensors.
#include <ag/ag.h>

#include <iostream>

class RunningStats {
public:
  explicit RunningStats(int64_t features)
      : mean_(ag::zeros({features})), var_(ag::ones({features})) {}

  void observe(const ag::Tensor &batch, float momentum) {
    ag::Tensor m = batch.mean({0});
    ag::Tensor centered = batch - m;
    ag::Tensor v = (centered * centered).mean({0});
    mean_.mul_(1 - momentum).add_(m, momentum);
    var_.mul_(1 - momentum).add_(v, momentum);
  }
  const ag::Tensor &mean() const { return mean_; }
  const ag::Tensor &var() const { return var_; }

private:
  ag::Tensor mean_, var_;
};

int main() {
  RunningStats stats(2);
  for (int i = 0; i < 3; ++i) {
    ag::Tensor batch = ag::arange(0, 6, ag::kFloat).view({3, 2}) * float(i + 1);
    stats.observe(batch, 0.1f);
    std::cout << "batch " << i << " mean " << batch.mean() << "\n";
  }
  std::cout << "running mean " << stats.mean() << "\n";
  std::cout << "running var " << stats.var() << "\n";
  return 0;
}
// EXPECT: none
