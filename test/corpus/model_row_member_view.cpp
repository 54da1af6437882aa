// A model class hands out one class's weight row (a view) from a member
// function; zeroing the row for an ablation study also zeroes the model's
// weights, and the baseline score computed afterwards is wrong.
#include <ag/ag.h>

#include <iostream>

class Classifier {
public:
  Classifier() : weight_(ag::tensor({{1.0f, 0.5f}, {-0.5f, 2.0f}, {0.25f, 0.25f}})) {}
  ag::Tensor class_row(int64_t c) const { return weight_[c]; }
  ag::Tensor score(const ag::Tensor &x) const { return weight_.matmul(x); }

private:
  ag::Tensor weight_;
};

int main() {
  Classifier model;
  ag::Tensor x = ag::tensor({1.0f, 1.0f});

  ag::Tensor ablated = model.class_row(1);
  ablated.zero_();
  std::cout << "ablated row " << ablated << "\n";

  std::cout << "baseline scores " << model.score(x) << "\n";
  return 0;
}
// EXPECT: view-mutation write=23 read=12
// KNOWN-LIMIT: dynamic view-mutation write=23 read=12 -- call-site-read: the runtime reports the read inside score(), where weight_ is read; the checker applies score()'s summary (it reads weight_) at its call
// KNOWN-LIMIT: static view-mutation write=23 read=26 -- call-site-read: the checker reports a member function's read of a field at the call (model.score(x)), the runtime inside the member function
