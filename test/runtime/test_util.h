// Helpers shared by the runtime's GoogleTest files.
#pragma once

#include <ag/ag.h>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace ag::test {

// The message of the ag::Error that f throws, or "<no error>".
template <typename F> std::string error_of(F &&f) {
  try {
    f();
  } catch (const ag::Error &e) {
    return e.what();
  }
  return "<no error>";
}

inline std::vector<int64_t> vec(IntArrayRef a) { return a.vec(); }

// The elements in row-major order; T must be t's element type.
template <typename T> std::vector<T> values(const Tensor &t) {
  Tensor flat = t.contiguous().reshape({-1});
  return std::vector<T>(flat.data_ptr<T>(), flat.data_ptr<T>() + flat.numel());
}

template <typename T> std::vector<T> values(const NdArray &a) {
  NdArray c = a.copy();
  return std::vector<T>(c.data<T>(), c.data<T>() + c.size());
}

// The elements in row-major order, converted to double / int64, whatever
// t's dtype.
inline std::vector<double> vals(const Tensor &t) { return values<double>(t.to(kDouble, false, true)); }
inline std::vector<int64_t> ivals(const Tensor &t) { return values<int64_t>(t.to(kLong, false, true)); }

inline std::vector<double> dv(std::initializer_list<double> l) { return l; }

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

} // namespace ag::test
