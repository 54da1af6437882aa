// A made-up array library, unknown to aliasguard until a model file says
// what its methods do.
#pragma once
#include <memory>
#include <vector>

namespace mylib {
class Blob {
public:
  explicit Blob(int n) : data_(std::make_shared<std::vector<float>>(n)) {}
  Blob window(int start, int len) const; // shares data
  Blob dup() const;                      // deep copy
  void scale(float s) const;             // writes in place
  int length() const;                    // metadata
  float total() const;                   // reads
private:
  std::shared_ptr<std::vector<float>> data_;
};
float consume(const Blob &b);
} // namespace mylib
