// Recording the parameter trajectory for a plot: the history stores handles,
// not values, so every recorded step shows the final weights.
#include <ag/ag.h>

#include <iostream>
#include <vector>

int main() {
  ag::Tensor w = ag::tensor({1.0f, -1.0f});
  ag::Tensor grad = ag::tensor({0.25f, -0.5f});
  std::vector<ag::Tensor> history;

  for (int step = 0; step < 3; ++step) {
    history.push_back(w);
    w.sub_(grad);
  }
  for (size_t i = 0; i < history.size(); ++i)
    std::cout << "step " << i << ": " << history[i] << "\n";
  std::cout << "final: " << w << "\n";
  return 0;
}
// EXPECT: inplace-read-later write=15 read=18
