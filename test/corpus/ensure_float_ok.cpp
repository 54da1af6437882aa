// A dtype helper that always returns a tensor the caller owns: a clone when
// the dtype already matches, a conversion otherwise.
#include <ag/ag.h>

#include <iostream>

ag::Tensor to_float_copy(const ag::Tensor &t) {
  if (t.dtype() == ag::kFloat)
    return t.clone();
  return t.to(ag::kFloat);
}

int main() {
  ag::Tensor pixels = ag::tensor({0.0f, 128.0f, 255.0f});
  ag::Tensor x = to_float_copy(pixels);
  x.div_(255.0f);
  std::cout << "normalised " << x << "\n";
  std::cout << "brightest raw pixel " << pixels.max().item<float>() << "\n";

  ag::Tensor ids = ag::tensor({1, 2, 3});
  ag::Tensor fids = to_float_copy(ids);
  fids.mul_(0.5f);
  std::cout << "ids " << ids << " scaled " << fids << "\n";
  return 0;
}
// EXPECT: none
// KNOWN-LIMIT: static view-mutation write=16 read=18 -- may-view: the summary of to_float_copy merges its two returns, clone() and to(kFloat) (a may-view); on this call the clone branch runs, and to() with a different dtype would copy anyway
// KNOWN-LIMIT: static view-mutation write=22 read=23 -- may-view: to(kFloat) of an int64 tensor always copies, but the checker models to() as "may return a view" without comparing dtypes
