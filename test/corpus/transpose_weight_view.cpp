// Untied input/output embeddings that are accidentally tied: the output
// projection is initialised as the transpose of the input embedding, which
// is a view, so weight decay applied to the input embedding in place also
// shrinks the output projection.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor embedding = ag::tensor({{1.0f, 0.0f}, {0.0f, 1.0f}, {2.0f, -1.0f}}); // [vocab, dim]
  ag::Tensor projection = embedding.t(); // [dim, vocab], meant as its own parameter

  embedding.mul_(1.0f - 0.1f); // weight decay on the input side only

  ag::Tensor hidden = ag::tensor({{1.0f, 1.0f}});
  ag::Tensor logits = hidden.matmul(projection);
  std::cout << "logits " << logits << "\n";
  std::cout << "embedding " << embedding << "\n";
  return 0;
}
// EXPECT: view-mutation write=13 read=16
