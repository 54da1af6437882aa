// Type promotion and the dtype checks of the elementwise ops, as ATen's
// ResultTypeState (restricted to ag's dtypes) and the ops' dtype errors.
#include "elementwise.h"

#include <optional>

namespace ag {
namespace detail {

namespace {

struct ResultTypeState {
  std::optional<ScalarType> dim, zero, wrapped;

  static void promote(std::optional<ScalarType> &slot, ScalarType t) {
    slot = slot ? promoteTypes(*slot, t) : t;
  }
  void add(const Tensor &t) { promote(t.dim() > 0 ? dim : zero, t.dtype()); }
  // A Python-style number: floats count as the default float dtype.
  void add(const Scalar &s) { promote(wrapped, s.isFloatingPoint() ? kDefaultFloat : s.type()); }

  // A lower-priority result only matters when it is of a higher category.
  static std::optional<ScalarType> combine(std::optional<ScalarType> higher,
                                           std::optional<ScalarType> lower) {
    if (!higher)
      return lower;
    if (!lower || isFloatingType(*higher))
      return higher;
    if (*higher == kBool || isFloatingType(*lower))
      return promoteTypes(*higher, *lower);
    return higher;
  }
  ScalarType result() const { return combine(dim, combine(zero, wrapped)).value_or(kDefaultFloat); }
};

} // namespace

ScalarType true_div_type(ScalarType t) { return isIntegralType(t, true) ? kDefaultFloat : t; }

void alpha_check(ScalarType dtype, const Scalar &alpha) {
  AG_CHECK(!alpha.isBoolean() || dtype == kBool,
           "Boolean alpha only supported for Boolean results.");
  AG_CHECK(isFloatingType(dtype) || alpha.isIntegral(true),
           "For integral input tensors, argument alpha must not be a floating point number.");
}

// PyTorch's sub_check; a scalar counts with its own type (true is Bool).
void sub_check(ScalarType a, ScalarType b) {
  AG_CHECK(a != kBool || b != kBool,
           "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
           "`logical_xor()` operator instead.");
  AG_CHECK(a != kBool && b != kBool,
           "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying "
           "to invert a mask, use the `~` or `logical_not()` operator instead.");
}

void check_cast(ScalarType result, const Tensor &self) {
  AG_CHECK(canCast(result, self.dtype()), "result type ", toString(result),
           " can't be cast to the desired output type ", toString(self.dtype()));
}

// clamp's dtype: self with both bounds as wrapped numbers.
ScalarType clamp_type(const Tensor &self, const std::optional<Scalar> &min,
                      const std::optional<Scalar> &max) {
  AG_CHECK(min || max, "torch.clamp: At least one of 'min' or 'max' must not be None");
  ResultTypeState state;
  state.add(self);
  if (min)
    state.add(*min);
  if (max)
    state.add(*max);
  return state.result();
}

void clamp_bool_check(ScalarType dtype, const std::optional<Scalar> &min,
                      const std::optional<Scalar> &max) {
  AG_CHECK(dtype != kBool, "\"",
           min && max ? "clamp_scalar_cpu"
           : min      ? "clamp_min_cpu"
                      : "clamp_max_cpu",
           "\" not implemented for 'Bool'");
}

namespace {

void neg_check(const Tensor &t) {
  AG_CHECK(t.dtype() != kBool,
           "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to "
           "invert a mask, use the `~` or `logical_not()` operator instead.");
}

void abs_check(const Tensor &t) {
  AG_CHECK(t.dtype() != kBool, "\"abs_cpu\" not implemented for 'Bool'");
}

ScalarType float_unary_type(const Tensor &t) { return true_div_type(t.dtype()); }

} // namespace

// The dtype a unary op computes in, after its dtype checks: neg and abs keep
// t's dtype, exp/log/sqrt compute in floating point.
ScalarType unary_type(UnaryOp uop, const Tensor &t) {
  switch (uop) {
  case UnaryOp::Neg:
    neg_check(t);
    return t.dtype();
  case UnaryOp::Abs:
    abs_check(t);
    return t.dtype();
  case UnaryOp::Exp:
  case UnaryOp::Log:
  case UnaryOp::Sqrt:
    return float_unary_type(t);
  }
  return float_unary_type(t);
}

} // namespace detail

ScalarType result_type(const Tensor &a, const Tensor &b) {
  detail::ResultTypeState state;
  state.add(a);
  state.add(b);
  return state.result();
}

ScalarType result_type(const Tensor &a, const Scalar &b) {
  detail::ResultTypeState state;
  state.add(a);
  state.add(b);
  return state.result();
}

} // namespace ag
