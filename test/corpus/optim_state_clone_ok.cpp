// Checkpointing optimiser state with an explicit deep copy of each tensor.
#include <ag/ag.h>

#include <iostream>

struct OptimState {
  ag::Tensor momentum;
  ag::Tensor weights;
  int step = 0;
  OptimState clone() const { return {momentum.clone(), weights.clone(), step}; }
};

int main() {
  OptimState state{ag::zeros({2}), ag::tensor({1.0f, 2.0f}), 0};
  ag::Tensor grad = ag::tensor({100.0f, -100.0f});

  OptimState checkpoint = state.clone();
  state.momentum.mul_(0.9f).add_(grad);
  state.weights.sub_(state.momentum * 0.1f);
  state.step += 1;

  bool diverged = state.weights.abs().max().item<float>() > 5.0f;
  if (diverged)
    state = checkpoint;
  std::cout << "diverged " << diverged << " step " << state.step << "\n";
  std::cout << "momentum " << state.momentum << "\n";
  std::cout << "weights " << state.weights << "\n";
  return 0;
}
// EXPECT: none
