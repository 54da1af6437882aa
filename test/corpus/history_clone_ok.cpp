// Recording the parameter trajectory with clones: each step keeps its values.
#include <ag/ag.h>

#include <iostream>
#include <vector>

int main() {
  ag::Tensor w = ag::tensor({1.0f, -1.0f});
  ag::Tensor grad = ag::tensor({0.25f, -0.5f});
  std::vector<ag::Tensor> history;
  history.reserve(3);

  for (int step = 0; step < 3; ++step) {
    history.push_back(w.clone());
    w.sub_(grad);
  }
  for (size_t i = 0; i < history.size(); ++i)
    std::cout << "step " << i << ": " << history[i] << "\n";
  std::cout << "final: " << w << "\n";
  return 0;
}
// EXPECT: none
