// Standardising features in place through a reference to the feature tensor
// (the same handle), with the statistics kept as separate tensors.
#include <ag/ag.h>

#include <iostream>
#include <vector>

int main() {
  std::vector<ag::Tensor> columns = {ag::tensor({1.0f, 2.0f, 3.0f}), ag::tensor({4.0f, 8.0f, 12.0f})};
  std::vector<float> means, stds;
  for (size_t c = 0; c < columns.size(); ++c) {
    ag::Tensor &col = columns[c];
    ag::Tensor mean = col.mean();
    ag::Tensor centered = col - mean;
    float sd = (centered * centered).mean().sqrt().item<float>();
    means.push_back(mean.item<float>());
    stds.push_back(sd);
    col.sub_(mean);
    col.div_(sd);
  }
  for (size_t c = 0; c < columns.size(); ++c)
    std::cout << "column " << c << " mean " << means[c] << " std " << stds[c] << " -> "
              << columns[c] << "\n";
  return 0;
}
// EXPECT: none
