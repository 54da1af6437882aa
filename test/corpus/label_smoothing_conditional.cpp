// Label smoothing: when smoothing is disabled the target is the label tensor
// itself (one arm of the conditional copies the handle), and the in-place
// rescale meant for the target also rescales the labels used for the
// agreement metric.
#include <ag/ag.h>

#include <iostream>

int main(int argc, char **) {
  bool smooth = argc > 1; // no arguments: smoothing off
  ag::Tensor labels = ag::tensor({{0.0f, 1.0f}, {1.0f, 0.0f}});
  ag::Tensor pred = ag::tensor({{0.2f, 0.8f}, {0.6f, 0.4f}});

  ag::Tensor target = smooth ? labels.clone() : labels;
  target.mul_(0.9f);
  target.add_(0.05f);

  float loss = (pred - target).abs().mean().item<float>();
  float agreement = (pred * labels).sum().item<float>() / float(labels.size(0));
  std::cout << "loss " << loss << " agreement " << agreement << "\n";
  return 0;
}
// EXPECT: assign-instead-of-clone write=15 read=19
