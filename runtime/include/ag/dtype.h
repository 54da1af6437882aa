// Element types, named as in LibTorch (ag::kFloat32 == ag::kFloat, ...), and
// PyTorch's promotion and casting rules restricted to them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>

namespace ag {

// Ordered by promotion rank: promoteTypes(a, b) is the larger of the two.
enum class ScalarType : int8_t { Bool = 0, Int = 1, Long = 2, Float = 3, Double = 4 };

inline constexpr ScalarType kBool = ScalarType::Bool;
inline constexpr ScalarType kInt = ScalarType::Int;
inline constexpr ScalarType kInt32 = ScalarType::Int;
inline constexpr ScalarType kLong = ScalarType::Long;
inline constexpr ScalarType kInt64 = ScalarType::Long;
inline constexpr ScalarType kFloat = ScalarType::Float;
inline constexpr ScalarType kFloat32 = ScalarType::Float;
inline constexpr ScalarType kDouble = ScalarType::Double;
inline constexpr ScalarType kFloat64 = ScalarType::Double;

inline constexpr int kNumScalarTypes = 5;

// The dtype PyTorch gives to Python floats and to float results of integer
// operations (true division, exp, mean...).
inline constexpr ScalarType kDefaultFloat = kFloat;

constexpr size_t elementSize(ScalarType t) {
  switch (t) {
  case kBool: return sizeof(bool);
  case kInt: return sizeof(int32_t);
  case kLong: return sizeof(int64_t);
  case kFloat: return sizeof(float);
  case kDouble: return sizeof(double);
  }
  return 0;
}

constexpr bool isFloatingType(ScalarType t) { return t == kFloat || t == kDouble; }
constexpr bool isIntegralType(ScalarType t, bool includeBool) {
  return t == kInt || t == kLong || (includeBool && t == kBool);
}

// "Float", "Long", ... as in PyTorch's error messages.
constexpr const char *toString(ScalarType t) {
  switch (t) {
  case kBool: return "Bool";
  case kInt: return "Int";
  case kLong: return "Long";
  case kFloat: return "Float";
  case kDouble: return "Double";
  }
  return "Undefined";
}

// "float32", "int64", ... as PyTorch prints dtypes (without the module).
constexpr const char *dtypeName(ScalarType t) {
  switch (t) {
  case kBool: return "bool";
  case kInt: return "int32";
  case kLong: return "int64";
  case kFloat: return "float32";
  case kDouble: return "float64";
  }
  return "undefined";
}

inline std::ostream &operator<<(std::ostream &os, ScalarType t) {
  return os << toString(t);
}

// torch.promote_types for these five types.
constexpr ScalarType promoteTypes(ScalarType a, ScalarType b) {
  return static_cast<int8_t>(a) >= static_cast<int8_t>(b) ? a : b;
}

// torch.can_cast: no cast to a lower category (float -> integral, or
// integral/float -> bool) is allowed for in-place results.
constexpr bool canCast(ScalarType from, ScalarType to) {
  if (isFloatingType(from) && !isFloatingType(to))
    return false;
  if (from != kBool && to == kBool)
    return false;
  return true;
}

// The C++ element type of a ScalarType and back.
template <ScalarType T> struct ScalarTypeToCpp;
template <> struct ScalarTypeToCpp<ScalarType::Bool> { using type = bool; };
template <> struct ScalarTypeToCpp<ScalarType::Int> { using type = int32_t; };
template <> struct ScalarTypeToCpp<ScalarType::Long> { using type = int64_t; };
template <> struct ScalarTypeToCpp<ScalarType::Float> { using type = float; };
template <> struct ScalarTypeToCpp<ScalarType::Double> { using type = double; };

template <typename T> struct CppToScalarType;
template <> struct CppToScalarType<bool> { static constexpr ScalarType value = kBool; };
template <> struct CppToScalarType<int32_t> { static constexpr ScalarType value = kInt; };
template <> struct CppToScalarType<int64_t> { static constexpr ScalarType value = kLong; };
template <> struct CppToScalarType<float> { static constexpr ScalarType value = kFloat; };
template <> struct CppToScalarType<double> { static constexpr ScalarType value = kDouble; };

} // namespace ag
