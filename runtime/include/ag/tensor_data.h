// TensorData: the nested braced lists of ag::tensor({{1, 2}, {3, 4}}) and
// ag::np::array(...), as LibTorch's TensorDataContainer. Element types are
// inferred (bool -> Bool, integers -> Long, floating -> the default float
// for tensors / float64 for arrays) and promoted across a list.
#pragma once

#include "ag/dtype.h"
#include "ag/scalar.h"

#include <cstdint>
#include <initializer_list>
#include <type_traits>
#include <vector>

namespace ag {

class TensorData {
public:
  // A single number (a zero-dimensional tensor at the top level).
  template <typename T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
  TensorData(T v) : scalar_(v), is_scalar_(true) {}
  // A nested list.
  TensorData(std::initializer_list<TensorData> list) : list_(list) {}
  // A flat vector of numbers.
  template <typename T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
  TensorData(const std::vector<T> &v) {
    list_.reserve(v.size());
    for (const T &x : v)
      list_.emplace_back(x);
  }

  bool is_scalar() const { return is_scalar_; }
  const Scalar &scalar() const { return scalar_; }
  const std::vector<TensorData> &list() const { return list_; }

private:
  Scalar scalar_;
  bool is_scalar_ = false;
  std::vector<TensorData> list_;
};

} // namespace ag
