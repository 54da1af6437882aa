// A dtype helper returns its argument unchanged when it is already float32
// (no copy), so the caller's in-place normalisation of the "converted"
// tensor also normalises the original pixel buffer.
#include <ag/ag.h>

#include <iostream>

ag::Tensor ensure_float(ag::Tensor t) {
  if (t.dtype() == ag::kFloat)
    return t;
  return t.to(ag::kFloat);
}

int main() {
  ag::Tensor pixels = ag::tensor({0.0f, 128.0f, 255.0f});
  ag::Tensor x = ensure_float(pixels);
  x.div_(255.0f);
  std::cout << "normalised " << x << "\n";
  std::cout << "brightest raw pixel " << pixels.max().item<float>() << "\n";
  return 0;
}
// EXPECT: assign-instead-of-clone write=17 read=19
