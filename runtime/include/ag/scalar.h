// ag::Scalar: a number of one of the three categories (bool, integral,
// floating), implicitly made from any C++ arithmetic value, as c10::Scalar.
#pragma once

#include "ag/detail/convert.h"
#include "ag/dtype.h"

#include <cstdint>
#include <ostream>
#include <type_traits>

namespace ag {

class Scalar {
public:
  Scalar() : Scalar(int64_t(0)) {}
  Scalar(bool v) : tag_(Tag::Bool) { i_ = v; }
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Scalar(T v) : tag_(Tag::Int) { i_ = static_cast<int64_t>(v); }
  template <typename T, std::enable_if_t<std::is_floating_point_v<T>, int> = 0>
  Scalar(T v) : tag_(Tag::Double) { d_ = static_cast<double>(v); }

  bool isFloatingPoint() const { return tag_ == Tag::Double; }
  bool isIntegral(bool includeBool) const {
    return tag_ == Tag::Int || (includeBool && tag_ == Tag::Bool);
  }
  bool isBoolean() const { return tag_ == Tag::Bool; }

  // The dtype a tensor made from this scalar alone has: Double, Long or Bool.
  ScalarType type() const {
    return tag_ == Tag::Double ? kDouble : tag_ == Tag::Int ? kLong : kBool;
  }

  // Conversions are defined for every value: a floating value converted to
  // an integer type truncates, NaN gives 0 and out-of-range values saturate.
  template <typename T> T to() const {
    if (tag_ == Tag::Double)
      return detail::convert<T>(d_);
    if (tag_ == Tag::Bool)
      return detail::convert<T>(i_ != 0);
    return detail::convert<T>(i_);
  }
  double toDouble() const { return to<double>(); }
  int64_t toLong() const { return to<int64_t>(); }
  bool toBool() const { return to<bool>(); }

  friend std::ostream &operator<<(std::ostream &os, const Scalar &s) {
    if (s.tag_ == Tag::Double)
      return os << s.d_;
    if (s.tag_ == Tag::Bool)
      return os << (s.i_ ? "true" : "false");
    return os << s.i_;
  }

private:
  enum class Tag : uint8_t { Bool, Int, Double };
  Tag tag_;
  union {
    int64_t i_;
    double d_;
  };
};

} // namespace ag
