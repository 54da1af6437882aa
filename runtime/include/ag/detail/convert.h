// convert<To>(v): C++'s arithmetic conversions with every input defined,
// shared by Scalar and the kernels.
#pragma once

#include <limits>
#include <type_traits>

namespace ag::detail {

// Floating -> integral conversion is undefined in C++ for NaN and values
// out of the target's range. ag defines it: NaN -> 0, and out-of-range
// values (including +-inf) saturate to the target's min/max. (PyTorch on
// x86 yields the "integer indefinite" INT_MIN for all of these.)
template <typename To, typename From> inline To convert(From v) {
  if constexpr (std::is_same_v<To, From>) {
    return v;
  } else if constexpr (std::is_same_v<To, bool>) {
    return v != From(0);
  } else if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To>) {
    // -min (2^31 or 2^63) is exact in float and double; max is not.
    constexpr From upper = -From(std::numeric_limits<To>::min());
    if (!(v == v))
      return To(0);
    if (v >= upper)
      return std::numeric_limits<To>::max();
    if (v < From(std::numeric_limits<To>::min()))
      return std::numeric_limits<To>::min();
    return static_cast<To>(v);
  } else {
    // Integral narrowing is modular (defined since C++20); double -> float
    // rounds, overflowing to +-inf as IEEE 754 specifies.
    return static_cast<To>(v);
  }
}

} // namespace ag::detail
