// The elementwise ops of the public API, as ATen's BinaryOps.cpp and
// UnaryOps.cpp: each Tensor method, operator and free function checks its
// arguments' dtypes (type_promotion.cpp), reports its reads and writes to the
// checked runtime, and runs its kernel (elementwise_kernels.cpp); equal and
// allclose.
#include "alias/tracker.h"
#include "elementwise.h"

#include <cmath>
#include <optional>
#include <type_traits>

namespace ag {

using detail::alpha_check;
using detail::Arg;
using detail::BinaryOp;
using detail::clamp_bool_check;
using detail::clamp_type;
using detail::sub_check;
using detail::true_div_type;
using detail::unary_type;
using detail::UnaryOp;

// ===========================================================================
// Checked op entry points: dtype checks, then the kernel
// ===========================================================================

namespace {

Tensor binary_checked(BinaryOp op, const Tensor &a, const Tensor &b, const Scalar &alpha) {
  detail::check_defined(b, "binary operation");
  ScalarType dtype = result_type(a, b);
  if (op == BinaryOp::Sub)
    sub_check(a.dtype(), b.dtype());
  if (op == BinaryOp::Add || op == BinaryOp::Sub)
    alpha_check(dtype, alpha);
  if (op == BinaryOp::Div)
    dtype = true_div_type(dtype);
  return detail::binary(op, a, b, dtype, alpha);
}

Tensor binary_checked(BinaryOp op, const Tensor &a, const Scalar &b, const Scalar &alpha) {
  ScalarType dtype = result_type(a, b);
  if (op == BinaryOp::Sub)
    sub_check(a.dtype(), b.type());
  if (op == BinaryOp::Add || op == BinaryOp::Sub)
    alpha_check(dtype, alpha);
  if (op == BinaryOp::Div)
    dtype = true_div_type(dtype);
  return detail::binary(op, a, b, dtype, alpha);
}

// scalar op tensor (Python's __rsub__ / __rtruediv__).
Tensor binary_scalar_first(BinaryOp op, const Scalar &a, const Tensor &b) {
  ScalarType dtype = result_type(b, a);
  if (op == BinaryOp::Sub)
    sub_check(a.type(), b.dtype());
  if (op == BinaryOp::Div)
    dtype = true_div_type(dtype);
  return detail::binary_scalar_first_kernel(op, a, b, dtype);
}

Tensor &binary_inplace_checked(BinaryOp op, const Tensor &self, const Tensor &b,
                               const Scalar &alpha) {
  Tensor in = detail::inplace_input(self, b);
  ScalarType dtype = result_type(self, b);
  if (op == BinaryOp::Sub)
    sub_check(self.dtype(), b.dtype());
  if (op == BinaryOp::Div)
    dtype = true_div_type(dtype);
  detail::check_cast(dtype, self);
  if (op == BinaryOp::Add || op == BinaryOp::Sub)
    alpha_check(dtype, alpha);
  detail::binary_inplace_args(op, self, Arg{&in, nullptr}, dtype, alpha);
  return const_cast<Tensor &>(self);
}

Tensor &binary_inplace_checked(BinaryOp op, const Tensor &self, const Scalar &b,
                               const Scalar &alpha) {
  detail::check_no_internal_overlap(self);
  ScalarType dtype = result_type(self, b);
  if (op == BinaryOp::Sub)
    sub_check(self.dtype(), b.type());
  if (op == BinaryOp::Div)
    dtype = true_div_type(dtype);
  detail::check_cast(dtype, self);
  if (op == BinaryOp::Add || op == BinaryOp::Sub)
    alpha_check(dtype, alpha);
  detail::binary_inplace_args(op, self, Arg{nullptr, &b}, dtype, alpha);
  return const_cast<Tensor &>(self);
}

Tensor &unary_inplace_checked(UnaryOp op, const Tensor &self, ScalarType dtype) {
  detail::check_no_internal_overlap(self);
  detail::check_cast(dtype, self);
  detail::unary_inplace_kernel(op, self);
  return const_cast<Tensor &>(self);
}

} // namespace

// ===========================================================================
// Tensor methods
// ===========================================================================

// Each API function opens an alias::Scope: the checked runtime's events
// (reads before the computation, writes after it) with the caller's site.
using detail::alias::Scope;
using Loc = detail::CallSite;

namespace {

// The checked paths are out of line and cold, so that with checking off an
// API call is the kernel call behind one branch.
template <typename Other>
[[gnu::noinline, gnu::cold]] Tensor read_binary_checked(const char *op, detail::alias::Site site,
                                                        BinaryOp bop, const Tensor &a,
                                                        const Other &b, const Scalar &alpha) {
  Scope scope(op, site);
  scope.read(a);
  if constexpr (std::is_same_v<Other, Tensor>)
    scope.read(b);
  return binary_checked(bop, a, b, alpha);
}
// SiteT: the caller's CallSite, or a Site for operators; made into a Site
// only when checking.
template <typename SiteT, typename Other>
Tensor read_binary(const char *op, const SiteT &site, BinaryOp bop, const Tensor &a, const Other &b,
                   const Scalar &alpha) {
  if (detail::alias::checking())
    return read_binary_checked(op, site, bop, a, b, alpha);
  return binary_checked(bop, a, b, alpha);
}

template <typename Other>
[[gnu::noinline, gnu::cold]] Tensor &write_binary_checked(const char *op, detail::alias::Site site,
                                                          BinaryOp bop, const Tensor &self,
                                                          const Other &b, const Scalar &alpha) {
  Scope scope(op, site);
  if constexpr (std::is_same_v<Other, Tensor>)
    scope.read(b);
  Tensor &out = binary_inplace_checked(bop, self, b, alpha);
  scope.write(self);
  return out;
}
template <typename SiteT, typename Other>
Tensor &write_binary(const char *op, const SiteT &site, BinaryOp bop, const Tensor &self,
                     const Other &b, const Scalar &alpha) {
  if (detail::alias::checking())
    return write_binary_checked(op, site, bop, self, b, alpha);
  return binary_inplace_checked(bop, self, b, alpha);
}
Tensor read_unary(const char *op, const detail::alias::Site &site, UnaryOp uop, const Tensor &t) {
  Scope scope(op, site);
  scope.read(t);
  return detail::unary(uop, t, unary_type(uop, t));
}
Tensor &write_unary(const char *op, const detail::alias::Site &site, UnaryOp uop, const Tensor &t) {
  Scope scope(op, site);
  Tensor &out = unary_inplace_checked(uop, t, unary_type(uop, t));
  scope.write(t);
  return out;
}
Tensor scalar_first(const char *op, const detail::alias::Site &site, BinaryOp bop, const Scalar &a,
                    const Tensor &b) {
  Scope scope(op, site);
  scope.read(b);
  return binary_scalar_first(bop, a, b);
}

} // namespace

Tensor Tensor::add(const Tensor &other, const Scalar &alpha, Loc caller) const {
  return read_binary("add", caller, BinaryOp::Add, *this, other, alpha);
}
Tensor Tensor::add(const Scalar &other, const Scalar &alpha, Loc caller) const {
  return read_binary("add", caller, BinaryOp::Add, *this, other, alpha);
}
Tensor Tensor::sub(const Tensor &other, const Scalar &alpha, Loc caller) const {
  return read_binary("sub", caller, BinaryOp::Sub, *this, other, alpha);
}
Tensor Tensor::sub(const Scalar &other, const Scalar &alpha, Loc caller) const {
  return read_binary("sub", caller, BinaryOp::Sub, *this, other, alpha);
}
Tensor Tensor::mul(const Tensor &other, Loc caller) const {
  return read_binary("mul", caller, BinaryOp::Mul, *this, other, 1);
}
Tensor Tensor::mul(const Scalar &other, Loc caller) const {
  return read_binary("mul", caller, BinaryOp::Mul, *this, other, 1);
}
Tensor Tensor::div(const Tensor &other, Loc caller) const {
  return read_binary("div", caller, BinaryOp::Div, *this, other, 1);
}
Tensor Tensor::div(const Scalar &other, Loc caller) const {
  return read_binary("div", caller, BinaryOp::Div, *this, other, 1);
}

Tensor Tensor::neg(Loc caller) const { return read_unary("neg", caller, UnaryOp::Neg, *this); }
Tensor Tensor::abs(Loc caller) const { return read_unary("abs", caller, UnaryOp::Abs, *this); }
Tensor Tensor::exp(Loc caller) const { return read_unary("exp", caller, UnaryOp::Exp, *this); }
Tensor Tensor::log(Loc caller) const { return read_unary("log", caller, UnaryOp::Log, *this); }
Tensor Tensor::sqrt(Loc caller) const { return read_unary("sqrt", caller, UnaryOp::Sqrt, *this); }

Tensor Tensor::clamp(const std::optional<Scalar> &min, const std::optional<Scalar> &max,
                     Loc caller) const {
  Scope scope("clamp", caller);
  scope.read(*this);
  ScalarType dtype = clamp_type(*this, min, max);
  clamp_bool_check(dtype, min, max);
  return detail::clamp_kernel(*this, dtype, min, max);
}

Tensor &Tensor::add_(const Tensor &other, const Scalar &alpha, Loc caller) const {
  return write_binary("add_", caller, BinaryOp::Add, *this, other, alpha);
}
Tensor &Tensor::add_(const Scalar &other, const Scalar &alpha, Loc caller) const {
  return write_binary("add_", caller, BinaryOp::Add, *this, other, alpha);
}
Tensor &Tensor::sub_(const Tensor &other, const Scalar &alpha, Loc caller) const {
  return write_binary("sub_", caller, BinaryOp::Sub, *this, other, alpha);
}
Tensor &Tensor::sub_(const Scalar &other, const Scalar &alpha, Loc caller) const {
  return write_binary("sub_", caller, BinaryOp::Sub, *this, other, alpha);
}
Tensor &Tensor::mul_(const Tensor &other, Loc caller) const {
  return write_binary("mul_", caller, BinaryOp::Mul, *this, other, 1);
}
Tensor &Tensor::mul_(const Scalar &other, Loc caller) const {
  return write_binary("mul_", caller, BinaryOp::Mul, *this, other, 1);
}
Tensor &Tensor::div_(const Tensor &other, Loc caller) const {
  return write_binary("div_", caller, BinaryOp::Div, *this, other, 1);
}
Tensor &Tensor::div_(const Scalar &other, Loc caller) const {
  return write_binary("div_", caller, BinaryOp::Div, *this, other, 1);
}

Tensor &Tensor::neg_(Loc caller) const { return write_unary("neg_", caller, UnaryOp::Neg, *this); }
Tensor &Tensor::abs_(Loc caller) const { return write_unary("abs_", caller, UnaryOp::Abs, *this); }
Tensor &Tensor::exp_(Loc caller) const { return write_unary("exp_", caller, UnaryOp::Exp, *this); }
Tensor &Tensor::log_(Loc caller) const { return write_unary("log_", caller, UnaryOp::Log, *this); }
Tensor &Tensor::sqrt_(Loc caller) const {
  return write_unary("sqrt_", caller, UnaryOp::Sqrt, *this);
}

Tensor &Tensor::clamp_(const std::optional<Scalar> &min, const std::optional<Scalar> &max,
                       Loc caller) const {
  Scope scope("clamp_", caller);
  detail::check_no_internal_overlap(*this);
  ScalarType dtype = clamp_type(*this, min, max);
  detail::check_cast(dtype, *this);
  clamp_bool_check(dtype, min, max);
  detail::clamp_inplace_kernel(*this, min, max);
  scope.write(*this);
  return self();
}

// Operators cannot take a source_location: their site is the return address.
Tensor &Tensor::operator+=(const Tensor &other) {
  return write_binary("operator+=", AG_RETURN_SITE, BinaryOp::Add, *this, other, 1);
}
Tensor &Tensor::operator+=(const Scalar &other) {
  return write_binary("operator+=", AG_RETURN_SITE, BinaryOp::Add, *this, other, 1);
}
Tensor &Tensor::operator-=(const Tensor &other) {
  return write_binary("operator-=", AG_RETURN_SITE, BinaryOp::Sub, *this, other, 1);
}
Tensor &Tensor::operator-=(const Scalar &other) {
  return write_binary("operator-=", AG_RETURN_SITE, BinaryOp::Sub, *this, other, 1);
}
Tensor &Tensor::operator*=(const Tensor &other) {
  return write_binary("operator*=", AG_RETURN_SITE, BinaryOp::Mul, *this, other, 1);
}
Tensor &Tensor::operator*=(const Scalar &other) {
  return write_binary("operator*=", AG_RETURN_SITE, BinaryOp::Mul, *this, other, 1);
}
Tensor &Tensor::operator/=(const Tensor &other) {
  return write_binary("operator/=", AG_RETURN_SITE, BinaryOp::Div, *this, other, 1);
}
Tensor &Tensor::operator/=(const Scalar &other) {
  return write_binary("operator/=", AG_RETURN_SITE, BinaryOp::Div, *this, other, 1);
}

// ===========================================================================
// Free operators and functions
// ===========================================================================

Tensor operator+(const Tensor &a, const Tensor &b) {
  return read_binary("operator+", AG_RETURN_SITE, BinaryOp::Add, a, b, 1);
}
Tensor operator+(const Tensor &a, const Scalar &b) {
  return read_binary("operator+", AG_RETURN_SITE, BinaryOp::Add, a, b, 1);
}
Tensor operator+(const Scalar &a, const Tensor &b) {
  return read_binary("operator+", AG_RETURN_SITE, BinaryOp::Add, b, a, 1);
}
Tensor operator-(const Tensor &a, const Tensor &b) {
  return read_binary("operator-", AG_RETURN_SITE, BinaryOp::Sub, a, b, 1);
}
Tensor operator-(const Tensor &a, const Scalar &b) {
  return read_binary("operator-", AG_RETURN_SITE, BinaryOp::Sub, a, b, 1);
}
Tensor operator-(const Scalar &a, const Tensor &b) {
  return scalar_first("operator-", AG_RETURN_SITE, BinaryOp::Sub, a, b);
}
Tensor operator*(const Tensor &a, const Tensor &b) {
  return read_binary("operator*", AG_RETURN_SITE, BinaryOp::Mul, a, b, 1);
}
Tensor operator*(const Tensor &a, const Scalar &b) {
  return read_binary("operator*", AG_RETURN_SITE, BinaryOp::Mul, a, b, 1);
}
Tensor operator*(const Scalar &a, const Tensor &b) {
  return read_binary("operator*", AG_RETURN_SITE, BinaryOp::Mul, b, a, 1);
}
Tensor operator/(const Tensor &a, const Tensor &b) {
  return read_binary("operator/", AG_RETURN_SITE, BinaryOp::Div, a, b, 1);
}
Tensor operator/(const Tensor &a, const Scalar &b) {
  return read_binary("operator/", AG_RETURN_SITE, BinaryOp::Div, a, b, 1);
}
Tensor operator/(const Scalar &a, const Tensor &b) {
  return scalar_first("operator/", AG_RETURN_SITE, BinaryOp::Div, a, b);
}
Tensor operator-(const Tensor &a) {
  return read_unary("operator-", AG_RETURN_SITE, UnaryOp::Neg, a);
}

Tensor add(const Tensor &a, const Tensor &b, const Scalar &alpha, Loc caller) {
  return read_binary("add", caller, BinaryOp::Add, a, b, alpha);
}
Tensor add(const Tensor &a, const Scalar &b, const Scalar &alpha, Loc caller) {
  return read_binary("add", caller, BinaryOp::Add, a, b, alpha);
}
Tensor sub(const Tensor &a, const Tensor &b, const Scalar &alpha, Loc caller) {
  return read_binary("sub", caller, BinaryOp::Sub, a, b, alpha);
}
Tensor sub(const Tensor &a, const Scalar &b, const Scalar &alpha, Loc caller) {
  return read_binary("sub", caller, BinaryOp::Sub, a, b, alpha);
}
Tensor mul(const Tensor &a, const Tensor &b, Loc caller) {
  return read_binary("mul", caller, BinaryOp::Mul, a, b, 1);
}
Tensor mul(const Tensor &a, const Scalar &b, Loc caller) {
  return read_binary("mul", caller, BinaryOp::Mul, a, b, 1);
}
Tensor div(const Tensor &a, const Tensor &b, Loc caller) {
  return read_binary("div", caller, BinaryOp::Div, a, b, 1);
}
Tensor div(const Tensor &a, const Scalar &b, Loc caller) {
  return read_binary("div", caller, BinaryOp::Div, a, b, 1);
}
Tensor neg(const Tensor &t, Loc caller) { return read_unary("neg", caller, UnaryOp::Neg, t); }
Tensor abs(const Tensor &t, Loc caller) { return read_unary("abs", caller, UnaryOp::Abs, t); }
Tensor exp(const Tensor &t, Loc caller) { return read_unary("exp", caller, UnaryOp::Exp, t); }
Tensor log(const Tensor &t, Loc caller) { return read_unary("log", caller, UnaryOp::Log, t); }
Tensor sqrt(const Tensor &t, Loc caller) { return read_unary("sqrt", caller, UnaryOp::Sqrt, t); }
Tensor clamp(const Tensor &t, const std::optional<Scalar> &min, const std::optional<Scalar> &max,
             Loc caller) {
  return t.clamp(min, max, caller);
}

bool equal(const Tensor &a, const Tensor &b, Loc caller) {
  Scope scope("equal", caller);
  scope.read(a);
  scope.read(b);
  detail::check_defined(a, "equal");
  detail::check_defined(b, "equal");
  if (!(a.sizes() == b.sizes()))
    return false;
  if (a.numel() == 0)
    return true;
  ScalarType common = promoteTypes(a.dtype(), b.dtype());
  Tensor x = detail::as_dtype(a, common), y = detail::as_dtype(b, common);
  bool same = true;
  detail::NdLoop loop(x.sizes(), 2);
  loop.set_operand(0, static_cast<char *>(x.data_ptr()), x.sizes(), x.strides(),
                   int64_t(x.element_size()));
  loop.set_operand(1, static_cast<char *>(y.data_ptr()), y.sizes(), y.strides(),
                   int64_t(y.element_size()));
  loop.reorder();
  loop.coalesce();
  detail::dispatch(common, [&](auto tag) {
    using T = decltype(tag);
    loop.run_range(0, loop.numel(), [&](char **p, const int64_t *s, int64_t n) {
      for (int64_t i = 0; i < n && same; ++i)
        same = *reinterpret_cast<const T *>(p[0] + i * s[0]) ==
               *reinterpret_cast<const T *>(p[1] + i * s[1]);
    });
  });
  return same;
}

bool allclose(const Tensor &a, const Tensor &b, double rtol, double atol, Loc caller) {
  Scope scope("allclose", caller);
  scope.read(a);
  scope.read(b);
  detail::check_defined(a, "allclose");
  detail::check_defined(b, "allclose");
  AG_CHECK(a.dtype() == b.dtype(), toString(a.dtype()), " did not match ", toString(b.dtype()));
  detail::DimVector shape = detail::broadcast_shapes(a.sizes(), b.sizes());
  if (detail::checked_numel(shape, a.dtype()) == 0)
    return true;
  bool close = true;
  detail::NdLoop loop(shape, 2);
  loop.set_operand(0, static_cast<char *>(a.data_ptr()), a.sizes(), a.strides(),
                   int64_t(a.element_size()));
  loop.set_operand(1, static_cast<char *>(b.data_ptr()), b.sizes(), b.strides(),
                   int64_t(b.element_size()));
  loop.reorder();
  loop.coalesce();
  detail::dispatch(a.dtype(), [&](auto tag) {
    using T = decltype(tag);
    loop.run_range(0, loop.numel(), [&](char **p, const int64_t *s, int64_t n) {
      for (int64_t i = 0; i < n && close; ++i) {
        double x = double(*reinterpret_cast<const T *>(p[0] + i * s[0]));
        double y = double(*reinterpret_cast<const T *>(p[1] + i * s[1]));
        // Equal values (including equal infinities) are close; NaN never is.
        close = x == y || std::abs(x - y) <= atol + rtol * std::abs(y);
      }
    });
  });
  return close;
}

} // namespace ag
