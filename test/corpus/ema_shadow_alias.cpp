// Exponential moving average of model weights. The shadow starts as a copied
// handle of the weights, so decaying the shadow in place decays the live
// weights too, and the blend then reads the already-decayed weights.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor w = ag::tensor({1.0f, 2.0f, 3.0f});
  ag::Tensor grad = ag::tensor({0.5f, 0.5f, -0.5f});
  const float decay = 0.9f;

  w.sub_(grad * 0.1f); // the first training step
  ag::Tensor shadow = w; // the EMA starts at the current weights

  // The EMA update after the step: shadow = decay * shadow + (1 - decay) * w.
  shadow.mul_(decay);
  shadow.add_(w * (1 - decay));

  std::cout << "weights " << w << "\n";
  std::cout << "ema " << shadow << "\n";
  return 0;
}
// EXPECT: assign-instead-of-clone write=17 read=18
// KNOWN-LIMIT: dynamic assign-instead-of-clone write=18 read=20 -- one-report-per-alias: the checker reports an alias once, at its first stale read; the runtime reports every distinct (write, read) pair, here the second write through the shadow and the next read of the weights
