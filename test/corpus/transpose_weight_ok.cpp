// Untied input/output embeddings: the output projection starts as a
// contiguous clone of the transposed input embedding.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor embedding = ag::tensor({{1.0f, 0.0f}, {0.0f, 1.0f}, {2.0f, -1.0f}});
  ag::Tensor projection = embedding.t().clone();

  embedding.mul_(1.0f - 0.1f);

  ag::Tensor hidden = ag::tensor({{1.0f, 1.0f}});
  ag::Tensor logits = hidden.matmul(projection);
  std::cout << "logits " << logits << "\n";
  std::cout << "embedding " << embedding << "\n";
  std::cout << "projection " << projection << "\n";
  return 0;
}
// EXPECT: none
