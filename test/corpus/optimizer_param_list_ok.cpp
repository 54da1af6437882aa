// An optimiser that holds the model's parameters in a list, as PyTorch's
// optimisers do: the list shares storage with the model on purpose, and the
// in-place step through the list is how the model gets trained.
#include <ag/ag.h>

#include <iostream>
#include <vector>

struct Sgd {
  std::vector<ag::Tensor> params;
  float lr;
  void step(const std::vector<ag::Tensor> &grads) {
    for (size_t i = 0; i < params.size(); ++i)
      params[i].sub_(grads[i] * lr);
  }
};

int main() {
  ag::Tensor weight = ag::tensor({{1.0f, 2.0f}, {3.0f, 4.0f}});
  ag::Tensor bias = ag::zeros({2});
  Sgd opt{{weight, bias}, 0.1f};

  ag::Tensor x = ag::tensor({1.0f, 1.0f});
  for (int step = 0; step < 2; ++step) {
    ag::Tensor y = weight.matmul(x) + bias;
    opt.step({y.unsqueeze(1) * x.unsqueeze(0), y});
    std::cout << "step " << step << " output " << y << "\n";
  }
  std::cout << "trained weight " << weight << " bias " << bias << "\n";
  return 0;
}
// EXPECT: none
// KNOWN-LIMIT: dynamic inplace-read-later write=14 read=25 -- intended-sharing: the optimiser's parameter list shares storage with the model on purpose (as torch.optim does); the runtime reports it unless the program declares it with ag::alias::shared, the checker does not follow the list into the member function
// KNOWN-LIMIT: dynamic inplace-read-later write=14 read=29 -- intended-sharing: as above, for the final read
