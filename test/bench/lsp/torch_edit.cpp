// The file test/bench/lsp_latency.py opens in clangd-19 and `aliasguard --lsp`
// and edits: LibTorch code with an aliasing bug the checker reports.
#include <torch/torch.h>

#include <iostream>

torch::Tensor normalise(torch::Tensor x) {
  torch::Tensor y = x;
  y.sub_(y.mean());
  return x / x.std();
}

int main() {
  torch::Tensor t = torch::randn({4, 4});
  std::cout << normalise(t) << "\n";
  // EDITS
  return 0;
}
