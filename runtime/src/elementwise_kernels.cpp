// The elementwise kernels, as ATen's native/cpu kernels: the functors, the
// unit-stride loops compiled for AVX2, the row loops, and the drivers that
// run them over contiguous operands or an NdLoop (tensor_iterator.cpp), for
// binary, unary and clamp ops, copies and fills.
#include "elementwise.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <type_traits>

namespace ag {
namespace detail {

namespace {

// ===========================================================================
// Type dispatch and functors
// ===========================================================================

template <typename T> constexpr bool is_int_v = std::is_integral_v<T> && !std::is_same_v<T, bool>;

// bool arithmetic: computed in int, any non-zero result is true (PyTorch's
// bool add is logical or, mul logical and).
template <typename T> struct AddOp {
  T operator()(T a, T b) const {
    if constexpr (std::is_same_v<T, bool>)
      return a || b;
    else if constexpr (is_int_v<T>)
      return wrap_add(a, b);
    else
      return a + b;
  }
};
template <typename T> struct AddAlphaOp {
  T alpha;
  T operator()(T a, T b) const {
    if constexpr (std::is_same_v<T, bool>)
      return a || (alpha && b);
    else if constexpr (is_int_v<T>)
      return wrap_add(a, wrap_mul(alpha, b));
    else
      return a + alpha * b;
  }
};
template <typename T> struct SubOp {
  T operator()(T a, T b) const {
    if constexpr (std::is_same_v<T, bool>)
      return a != b;
    else if constexpr (is_int_v<T>)
      return wrap_sub(a, b);
    else
      return a - b;
  }
};
template <typename T> struct SubAlphaOp {
  T alpha;
  T operator()(T a, T b) const {
    if constexpr (std::is_same_v<T, bool>)
      return a != (alpha && b);
    else if constexpr (is_int_v<T>)
      return wrap_sub(a, wrap_mul(alpha, b));
    else
      return a - alpha * b;
  }
};
template <typename T> struct MulOp {
  T operator()(T a, T b) const {
    if constexpr (std::is_same_v<T, bool>)
      return a && b;
    else if constexpr (is_int_v<T>)
      return wrap_mul(a, b);
    else
      return a * b;
  }
};
// Floating division is IEEE (x/0 = +-inf or NaN). Integer division only
// happens when a caller asks for it (the API's div is true division): it
// truncates, x/0 is defined as 0 and MIN/-1 wraps to MIN, so no input is UB.
template <typename T> struct DivOp {
  T operator()(T a, T b) const {
    if constexpr (std::is_same_v<T, bool>)
      return b && a;
    else if constexpr (is_int_v<T>)
      return b == 0 ? T(0) : b == -1 ? wrap_sub(T(0), a) : T(a / b);
    else
      return a / b;
  }
};

template <typename T, typename Fn> void with_binary_op(BinaryOp op, const Scalar &alpha, Fn &&fn) {
  bool alpha_one = alpha.toDouble() == 1.0;
  switch (op) {
  case BinaryOp::Add:
    if (alpha_one)
      fn(AddOp<T>{});
    else
      fn(AddAlphaOp<T>{alpha.to<T>()});
    return;
  case BinaryOp::Sub:
    if (alpha_one)
      fn(SubOp<T>{});
    else
      fn(SubAlphaOp<T>{alpha.to<T>()});
    return;
  case BinaryOp::Mul:
    fn(MulOp<T>{});
    return;
  case BinaryOp::Div:
    fn(DivOp<T>{});
    return;
  }
}

template <typename T> struct NegOp {
  T operator()(T a) const {
    if constexpr (is_int_v<T>)
      return wrap_sub(T(0), a); // -MIN wraps to MIN, as PyTorch's
    else
      return -a;
  }
};
template <typename T> struct AbsOp {
  T operator()(T a) const {
    if constexpr (is_int_v<T>)
      return a < 0 ? wrap_sub(T(0), a) : a; // abs(MIN) wraps to MIN, as PyTorch's
    else if constexpr (std::is_same_v<T, bool>)
      return a;
    else
      return std::abs(a);
  }
};
// exp/log/sqrt of integers are computed in floating point by the API; a
// direct integer request goes through double with the defined conversion.
#define AG_FLOAT_UNARY(Name, fn)                                                                   \
  template <typename T> struct Name {                                                              \
    T operator()(T a) const {                                                                      \
      if constexpr (std::is_floating_point_v<T>)                                                   \
        return std::fn(a);                                                                         \
      else                                                                                         \
        return convert<T>(std::fn(double(a)));                                                     \
    }                                                                                              \
  };
AG_FLOAT_UNARY(ExpOp, exp)
AG_FLOAT_UNARY(LogOp, log)
AG_FLOAT_UNARY(SqrtOp, sqrt)
#undef AG_FLOAT_UNARY

template <typename T, typename Fn> void with_unary_op(UnaryOp op, Fn &&fn) {
  switch (op) {
  case UnaryOp::Neg:
    fn(NegOp<T>{});
    return;
  case UnaryOp::Abs:
    fn(AbsOp<T>{});
    return;
  case UnaryOp::Exp:
    fn(ExpOp<T>{});
    return;
  case UnaryOp::Log:
    fn(LogOp<T>{});
    return;
  case UnaryOp::Sqrt:
    fn(SqrtOp<T>{});
    return;
  }
}

// min(max(x, lo), hi) with NaN propagated from x and from the bounds, and
// lo > hi giving hi (PyTorch's).
template <typename T> struct ClampOp {
  T lo, hi;
  T operator()(T x) const {
    T r = (x < lo || lo != lo) ? lo : x;
    return (r > hi || hi != hi) ? hi : r;
  }
};

} // namespace

// ===========================================================================
// Unit-stride loops of the common ops, compiled twice (AVX2 and the
// baseline ISA) and picked once at load time by an ifunc (GCC/Clang
// target_clones): a baseline x86-64 build only has SSE2, which halves the
// throughput of cache-resident data; LibTorch dispatches to AVX2 likewise.
// ===========================================================================

// Not under the sanitizers: their runtimes are not initialised yet when the
// dynamic loader runs an instrumented ifunc resolver (TSan crashes there).
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define AG_NO_TARGET_CLONES
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define AG_NO_TARGET_CLONES
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) &&                            \
    !defined(AG_NO_TARGET_CLONES)
#define AG_TARGET_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define AG_TARGET_CLONES
#endif

namespace fast {
#define AG_FAST_LOOPS(T, NAME, OP)                                                                 \
  AG_TARGET_CLONES void NAME##_##T##_vv(T *o, const T *x, const T *y, int64_t n) {                 \
    const OP<T> op{};                                                                              \
    for (int64_t i = 0; i < n; ++i)                                                                \
      o[i] = op(x[i], y[i]);                                                                       \
  }                                                                                                \
  AG_TARGET_CLONES void NAME##_##T##_vs(T *o, const T *x, T y, int64_t n) {                        \
    const OP<T> op{};                                                                              \
    for (int64_t i = 0; i < n; ++i)                                                                \
      o[i] = op(x[i], y);                                                                          \
  }                                                                                                \
  AG_TARGET_CLONES void NAME##_##T##_sv(T *o, T x, const T *y, int64_t n) {                        \
    const OP<T> op{};                                                                              \
    for (int64_t i = 0; i < n; ++i)                                                                \
      o[i] = op(x, y[i]);                                                                          \
  }
#define AG_FAST_LOOPS_ALL(T)                                                                       \
  AG_FAST_LOOPS(T, add, AddOp)                                                                     \
  AG_FAST_LOOPS(T, sub, SubOp)                                                                     \
  AG_FAST_LOOPS(T, mul, MulOp)
AG_FAST_LOOPS_ALL(float)
AG_FAST_LOOPS_ALL(double)
AG_FAST_LOOPS_ALL(int32_t)
AG_FAST_LOOPS_ALL(int64_t)
AG_FAST_LOOPS(float, div, DivOp)
AG_FAST_LOOPS(double, div, DivOp)
#undef AG_FAST_LOOPS_ALL
#undef AG_FAST_LOOPS
} // namespace fast

namespace {

// Runs the cloned loop for (T, Op) when there is one. kind: 0 both vectors,
// 1 y is a scalar, 2 x is a scalar.
template <typename T, typename Op>
inline bool fast_binary(T *o, const T *x, const T *y, int64_t n, int kind) {
#define AG_TRY(TY, NAME, OPT)                                                                      \
  if constexpr (std::is_same_v<T, TY> && std::is_same_v<Op, OPT<TY>>) {                            \
    if (kind == 0)                                                                                 \
      fast::NAME##_##TY##_vv(o, x, y, n);                                                          \
    else if (kind == 1)                                                                            \
      fast::NAME##_##TY##_vs(o, x, *y, n);                                                         \
    else                                                                                           \
      fast::NAME##_##TY##_sv(o, *x, y, n);                                                         \
    return true;                                                                                   \
  }
#define AG_TRY_ALL(TY) AG_TRY(TY, add, AddOp) AG_TRY(TY, sub, SubOp) AG_TRY(TY, mul, MulOp)
  AG_TRY_ALL(float)
  AG_TRY_ALL(double)
  AG_TRY_ALL(int32_t)
  AG_TRY_ALL(int64_t)
  AG_TRY(float, div, DivOp)
  AG_TRY(double, div, DivOp)
#undef AG_TRY_ALL
#undef AG_TRY
  return false;
}

// ===========================================================================
// Row kernels: the innermost loops. The unit-stride and stride-0 (scalar)
// cases are separate plain loops so that GCC vectorises them.
// ===========================================================================

template <typename T, typename Op>
inline void binary_row(char *out, const char *a, const char *b, int64_t n, int64_t so, int64_t sa,
                       int64_t sb, const Op &op) {
  constexpr int64_t E = sizeof(T);
  T *o = reinterpret_cast<T *>(out);
  const T *x = reinterpret_cast<const T *>(a);
  const T *y = reinterpret_cast<const T *>(b);
  if (so == E && sa == E && sb == E) {
    if (fast_binary<T, Op>(o, x, y, n, 0))
      return;
    for (int64_t i = 0; i < n; ++i)
      o[i] = op(x[i], y[i]);
  } else if (so == E && sa == E && sb == 0) {
    if (fast_binary<T, Op>(o, x, y, n, 1))
      return;
    const T yv = *y;
    for (int64_t i = 0; i < n; ++i)
      o[i] = op(x[i], yv);
  } else if (so == E && sa == 0 && sb == E) {
    if (fast_binary<T, Op>(o, x, y, n, 2))
      return;
    const T xv = *x;
    for (int64_t i = 0; i < n; ++i)
      o[i] = op(xv, y[i]);
  } else {
    for (int64_t i = 0; i < n; ++i)
      *reinterpret_cast<T *>(out + i * so) =
          op(*reinterpret_cast<const T *>(a + i * sa), *reinterpret_cast<const T *>(b + i * sb));
  }
}

template <typename T, typename Op>
inline void unary_row(char *out, const char *a, int64_t n, int64_t so, int64_t sa, const Op &op) {
  constexpr int64_t E = sizeof(T);
  if (so == E && sa == E) {
    T *o = reinterpret_cast<T *>(out);
    const T *x = reinterpret_cast<const T *>(a);
    for (int64_t i = 0; i < n; ++i)
      o[i] = op(x[i]);
  } else {
    for (int64_t i = 0; i < n; ++i)
      *reinterpret_cast<T *>(out + i * so) = op(*reinterpret_cast<const T *>(a + i * sa));
  }
}

template <typename To, typename From>
inline void convert_row(char *out, const char *a, int64_t n, int64_t so, int64_t sa) {
  if (so == int64_t(sizeof(To)) && sa == int64_t(sizeof(From))) {
    To *o = reinterpret_cast<To *>(out);
    const From *x = reinterpret_cast<const From *>(a);
    for (int64_t i = 0; i < n; ++i)
      o[i] = convert<To>(x[i]);
  } else {
    for (int64_t i = 0; i < n; ++i)
      *reinterpret_cast<To *>(out + i * so) =
          convert<To>(*reinterpret_cast<const From *>(a + i * sa));
  }
}

// ===========================================================================
// Drivers
// ===========================================================================

template <typename T, typename Op> Tensor binary_new(const Arg &a, const Arg &b, const Op &op) {
  constexpr int64_t E = sizeof(T);
  const T av = a.scalar ? a.scalar->to<T>() : T();
  const T bv = b.scalar ? b.scalar->to<T>() : T();
  const TensorImpl *ai = a.tensor ? &a.tensor->impl() : nullptr;
  const TensorImpl *bi = b.tensor ? &b.tensor->impl() : nullptr;

  // Fast path: contiguous operands of one shape, or contiguous and scalar.
  const TensorImpl *lead = ai ? ai : bi;
  bool fast =
      lead->contiguous && (!ai || !bi || (bi->contiguous && ai->sizes.ref() == bi->sizes.ref()));
  if (fast) {
    Tensor out = empty_tensor(lead->sizes, CppToScalarType<T>::value);
    char *o = static_cast<char *>(out.impl().data());
    const char *x = ai ? ai->data() : reinterpret_cast<const char *>(&av);
    const char *y = bi ? bi->data() : reinterpret_cast<const char *>(&bv);
    const int64_t sa = ai ? E : 0, sb = bi ? E : 0;
    parallel_for(lead->numel, kGrainSize, [&](int64_t begin, int64_t end) {
      binary_row<T>(o + begin * E, x + begin * sa, y + begin * sb, end - begin, E, sa, sb, op);
    });
    return out;
  }

  DimVector shape = ai && bi ? broadcast_shapes(ai->sizes, bi->sizes) : DimVector(lead->sizes);
  NdLoop loop(shape, 3);
  loop.set_undefined_output(0);
  if (ai)
    loop.set_operand(1, ai->data(), ai->sizes, ai->strides, E);
  else
    loop.set_scalar_operand(1, &av);
  if (bi)
    loop.set_operand(2, bi->data(), bi->sizes, bi->strides, E);
  else
    loop.set_scalar_operand(2, &bv);
  loop.reorder();
  Tensor out = alloc_output(loop, shape, CppToScalarType<T>::value);
  if (out.numel() == 0)
    return out;
  loop.coalesce();
  loop.run([&](char **p, const int64_t *s, int64_t n) {
    binary_row<T>(p[0], p[1], p[2], n, s[0], s[1], s[2], op);
  });
  return out;
}

// self = op(self, b) with self of type T; b of type T or a scalar; all
// checks done.
template <typename T, typename Op>
void binary_inplace(const Tensor &self, const Arg &b, const Op &op) {
  constexpr int64_t E = sizeof(T);
  const T bv = b.scalar ? b.scalar->to<T>() : T();
  const TensorImpl &si = self.impl();
  const TensorImpl *bi = b.tensor ? &b.tensor->impl() : nullptr;
  char *o = si.data();
  if (si.numel == 0)
    return;
  if (si.contiguous && (!bi || (bi->contiguous && bi->sizes.ref() == si.sizes.ref()))) {
    const char *y = bi ? bi->data() : reinterpret_cast<const char *>(&bv);
    const int64_t sb = bi ? E : 0;
    parallel_for(si.numel, kGrainSize, [&](int64_t begin, int64_t end) {
      binary_row<T>(o + begin * E, o + begin * E, y + begin * sb, end - begin, E, E, sb, op);
    });
    return;
  }
  NdLoop loop(si.sizes, 3);
  loop.set_operand(0, o, si.sizes, si.strides, E);
  loop.set_operand(1, o, si.sizes, si.strides, E);
  if (bi)
    loop.set_operand(2, bi->data(), bi->sizes, bi->strides, E);
  else
    loop.set_scalar_operand(2, &bv);
  loop.reorder();
  loop.coalesce();
  loop.run([&](char **p, const int64_t *s, int64_t n) {
    binary_row<T>(p[0], p[1], p[2], n, s[0], s[1], s[2], op);
  });
}

template <typename T, typename Op> Tensor unary_new(const Tensor &a, const Op &op) {
  constexpr int64_t E = sizeof(T);
  const TensorImpl &ai = a.impl();
  if (ai.contiguous) {
    Tensor out = empty_tensor(ai.sizes, CppToScalarType<T>::value);
    char *o = static_cast<char *>(out.impl().data());
    const char *x = ai.data();
    parallel_for(ai.numel, kGrainSize, [&](int64_t begin, int64_t end) {
      unary_row<T>(o + begin * E, x + begin * E, end - begin, E, E, op);
    });
    return out;
  }
  NdLoop loop(ai.sizes, 2);
  loop.set_undefined_output(0);
  loop.set_operand(1, ai.data(), ai.sizes, ai.strides, E);
  loop.reorder();
  Tensor out = alloc_output(loop, ai.sizes, CppToScalarType<T>::value);
  if (out.numel() == 0)
    return out;
  loop.coalesce();
  loop.run(
      [&](char **p, const int64_t *s, int64_t n) { unary_row<T>(p[0], p[1], n, s[0], s[1], op); });
  return out;
}

template <typename T, typename Op> void unary_inplace(const Tensor &self, const Op &op) {
  constexpr int64_t E = sizeof(T);
  const TensorImpl &si = self.impl();
  char *o = si.data();
  if (si.numel == 0)
    return;
  if (si.contiguous) {
    parallel_for(si.numel, kGrainSize, [&](int64_t begin, int64_t end) {
      unary_row<T>(o + begin * E, o + begin * E, end - begin, E, E, op);
    });
    return;
  }
  NdLoop loop(si.sizes, 2);
  loop.set_operand(0, o, si.sizes, si.strides, E);
  loop.set_operand(1, o, si.sizes, si.strides, E);
  loop.reorder();
  loop.coalesce();
  loop.run(
      [&](char **p, const int64_t *s, int64_t n) { unary_row<T>(p[0], p[1], n, s[0], s[1], op); });
}

template <typename T>
ClampOp<T> make_clamp(const std::optional<Scalar> &min, const std::optional<Scalar> &max) {
  T lo, hi;
  if constexpr (std::is_floating_point_v<T>) {
    lo = -std::numeric_limits<T>::infinity();
    hi = std::numeric_limits<T>::infinity();
  } else {
    lo = std::numeric_limits<T>::lowest();
    hi = std::numeric_limits<T>::max();
  }
  if (min)
    lo = min->to<T>();
  if (max)
    hi = max->to<T>();
  return ClampOp<T>{lo, hi};
}

} // namespace

Tensor as_dtype(const Tensor &t, ScalarType dtype) { return t.dtype() == dtype ? t : t.to(dtype); }

namespace {

Tensor binary_args(BinaryOp op, const Arg &a, const Arg &b, ScalarType dtype, const Scalar &alpha) {
  Tensor ta, tb;
  Arg ca = a, cb = b;
  if (a.tensor) {
    ta = as_dtype(*a.tensor, dtype);
    ca.tensor = &ta;
  }
  if (b.tensor) {
    tb = as_dtype(*b.tensor, dtype);
    cb.tensor = &tb;
  }
  Tensor out;
  dispatch(dtype, [&](auto tag) {
    using T = decltype(tag);
    with_binary_op<T>(op, alpha, [&](const auto &f) { out = binary_new<T>(ca, cb, f); });
  });
  return out;
}

} // namespace

// self op= b after the checks; dtype is the computation type.
void binary_inplace_args(BinaryOp op, const Tensor &self, const Arg &b, ScalarType dtype,
                         const Scalar &alpha) {
  if (self.dtype() == dtype) {
    Tensor tb;
    Arg cb = b;
    if (b.tensor) {
      tb = as_dtype(*b.tensor, dtype);
      cb.tensor = &tb;
    }
    dispatch(dtype, [&](auto tag) {
      using T = decltype(tag);
      with_binary_op<T>(op, alpha, [&](const auto &f) { binary_inplace<T>(self, cb, f); });
    });
  } else {
    // Computed in the wider type, then stored (e.g. an int32 tensor plus an
    // int64 tensor).
    Tensor tmp = binary_args(op, Arg{&self, nullptr}, b, dtype, alpha);
    copy_loop(self, tmp);
  }
  self.impl().storage->bump_version();
}

// ===========================================================================
// The internal contract (internal.h)
// ===========================================================================

Tensor binary(BinaryOp op, const Tensor &a, const Tensor &b, ScalarType dtype,
              const Scalar &alpha) {
  return binary_args(op, Arg{&a, nullptr}, Arg{&b, nullptr}, dtype, alpha);
}

Tensor binary(BinaryOp op, const Tensor &a, const Scalar &b, ScalarType dtype,
              const Scalar &alpha) {
  return binary_args(op, Arg{&a, nullptr}, Arg{nullptr, &b}, dtype, alpha);
}

void binary_(BinaryOp op, const Tensor &self, const Tensor &b, ScalarType dtype,
             const Scalar &alpha) {
  Tensor in = inplace_input(self, b);
  binary_inplace_args(op, self, Arg{&in, nullptr}, dtype, alpha);
}

void binary_(BinaryOp op, const Tensor &self, const Scalar &b, ScalarType dtype,
             const Scalar &alpha) {
  check_no_internal_overlap(self);
  binary_inplace_args(op, self, Arg{nullptr, &b}, dtype, alpha);
}

Tensor unary(UnaryOp op, const Tensor &a, ScalarType dtype) {
  Tensor in = as_dtype(a, dtype);
  Tensor out;
  dispatch(dtype, [&](auto tag) {
    using T = decltype(tag);
    with_unary_op<T>(op, [&](const auto &f) { out = unary_new<T>(in, f); });
  });
  return out;
}

void copy_loop(const Tensor &dst, const Tensor &src) {
  const TensorImpl &di = dst.impl();
  const TensorImpl &si = src.impl();
  if (di.numel == 0)
    return;
  const int64_t de = int64_t(elementSize(di.dtype)), se = int64_t(elementSize(si.dtype));
  if (di.dtype == si.dtype && di.contiguous && si.contiguous && di.sizes.ref() == si.sizes.ref()) {
    char *o = di.data();
    const char *x = si.data();
    if (o != x)
      parallel_for(di.numel, kGrainSize, [&](int64_t begin, int64_t end) {
        std::memcpy(o + begin * de, x + begin * de, size_t((end - begin) * de));
      });
    return;
  }
  NdLoop loop(di.sizes, 2);
  loop.set_operand(0, di.data(), di.sizes, di.strides, de);
  loop.set_operand(1, si.data(), si.sizes, si.strides, se);
  loop.reorder();
  loop.coalesce();
  dispatch(di.dtype, [&](auto dtag) {
    using D = decltype(dtag);
    dispatch(si.dtype, [&](auto stag) {
      using S = decltype(stag);
      loop.run([&](char **p, const int64_t *s, int64_t n) {
        convert_row<D, S>(p[0], p[1], n, s[0], s[1]);
      });
    });
  });
}

void copy_into(const Tensor &dst, const Tensor &src) {
  check_defined(src, "copy_");
  Tensor in = inplace_input(dst, src);
  copy_loop(dst, in);
  dst.impl().storage->bump_version();
}

void fill_into(const Tensor &dst, const Scalar &value) {
  const TensorImpl &di = dst.impl();
  if (di.numel > 0) {
    dispatch(di.dtype, [&](auto tag) {
      using T = decltype(tag);
      constexpr int64_t E = sizeof(T);
      const T v = value.to<T>();
      if (di.contiguous) {
        T *o = reinterpret_cast<T *>(di.data());
        parallel_for(di.numel, kGrainSize,
                     [&](int64_t begin, int64_t end) { std::fill(o + begin, o + end, v); });
        return;
      }
      NdLoop loop(di.sizes, 1);
      loop.set_operand(0, di.data(), di.sizes, di.strides, E);
      loop.reorder();
      loop.coalesce();
      loop.run([&](char **p, const int64_t *s, int64_t n) {
        for (int64_t i = 0; i < n; ++i)
          *reinterpret_cast<T *>(p[0] + i * s[0]) = v;
      });
    });
  }
  dst.impl().storage->bump_version();
}

Tensor binary_scalar_first_kernel(BinaryOp op, const Scalar &a, const Tensor &b, ScalarType dtype) {
  Tensor in = as_dtype(b, dtype);
  Tensor out;
  dispatch(dtype, [&](auto tag) {
    using T = decltype(tag);
    with_binary_op<T>(op, 1, [&](const auto &f) {
      out = binary_new<T>(Arg{nullptr, &a}, Arg{&in, nullptr}, f);
    });
  });
  return out;
}

void unary_inplace_kernel(UnaryOp op, const Tensor &self) {
  dispatch(self.dtype(), [&](auto tag) {
    using T = decltype(tag);
    with_unary_op<T>(op, [&](const auto &f) { unary_inplace<T>(self, f); });
  });
  self.impl().storage->bump_version();
}

Tensor clamp_kernel(const Tensor &t, ScalarType dtype, const std::optional<Scalar> &min,
                    const std::optional<Scalar> &max) {
  Tensor in = as_dtype(t, dtype);
  Tensor out;
  dispatch(dtype, [&](auto tag) {
    using T = decltype(tag);
    out = unary_new<T>(in, make_clamp<T>(min, max));
  });
  return out;
}

void clamp_inplace_kernel(const Tensor &self, const std::optional<Scalar> &min,
                          const std::optional<Scalar> &max) {
  dispatch(self.dtype(), [&](auto tag) {
    using T = decltype(tag);
    unary_inplace<T>(self, make_clamp<T>(min, max));
  });
  self.impl().storage->bump_version();
}

} // namespace detail
} // namespace ag
