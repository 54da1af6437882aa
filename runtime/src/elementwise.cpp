// Elementwise kernels: the N-d loop, broadcasting, type
// promotion, binary/unary/clamp ops (out-of-place and in-place), copies and
// fills, and the Tensor methods and free functions built on them.
#include "loops.h"
#include "alias/tracker.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <type_traits>
#include <vector>

namespace ag {
namespace detail {

// ===========================================================================
// N-d loop
// ===========================================================================

void NdLoop::reorder() {
  perm_ = DimVector(size_t(ndim_));
  for (int k = 0; k < ndim_; ++k)
    perm_[k] = ndim_ - 1 - k;
  // 1: dim0 should be outside dim1 (swap), -1: keep, 0: undecided.
  auto should_swap = [&](int64_t dim0, int64_t dim1) {
    for (int op = 0; op < nops_; ++op) {
      if (!has_layout_[op])
        continue;
      int64_t s0 = strides_[op][dim0], s1 = strides_[op][dim1];
      if (s0 == 0 || s1 == 0)
        continue;
      if (s0 < s1)
        return -1;
      if (s0 > s1)
        return 1;
      if (shape_[dim0] > shape_[dim1])
        return 1;
    }
    return 0;
  };
  for (int i = 1; i < ndim_; ++i) {
    int dim1 = i;
    for (int dim0 = i - 1; dim0 >= 0; --dim0) {
      int c = should_swap(perm_[dim0], perm_[dim1]);
      if (c > 0) {
        std::swap(perm_[dim0], perm_[dim1]);
        dim1 = dim0;
      } else if (c < 0) {
        break;
      }
    }
  }
  DimVector shape(static_cast<size_t>(ndim_));
  for (int k = 0; k < ndim_; ++k)
    shape[k] = shape_[perm_[k]];
  for (int op = 0; op < nops_; ++op) {
    DimVector s(static_cast<size_t>(ndim_));
    for (int k = 0; k < ndim_; ++k)
      s[k] = strides_[op][perm_[k]];
    strides_[op] = std::move(s);
  }
  shape_ = std::move(shape);
}

DimVector NdLoop::dense_out_strides() const {
  DimVector out(static_cast<size_t>(ndim_));
  int64_t s = 1;
  for (int k = 0; k < ndim_; ++k) {
    out[perm_[k]] = s;
    s *= std::max<int64_t>(shape_[k], 1);
  }
  return out;
}

void NdLoop::set_output(int i, char *data, int64_t elem_size) {
  base_[i] = data;
  int64_t s = elem_size;
  for (int k = 0; k < ndim_; ++k) {
    strides_[i][k] = shape_[k] == 1 ? 0 : s;
    s *= std::max<int64_t>(shape_[k], 1);
  }
  has_layout_[i] = true;
}

void NdLoop::coalesce() {
  if (ndim_ <= 1)
    return;
  auto can_coalesce = [&](int d0, int d1) {
    int64_t s0 = shape_[d0], s1 = shape_[d1];
    if (s0 == 1 || s1 == 1)
      return true;
    for (int op = 0; op < nops_; ++op)
      if (s0 * strides_[op][d0] != strides_[op][d1])
        return false;
    return true;
  };
  auto replace_stride = [&](int d0, int d1) {
    for (int op = 0; op < nops_; ++op)
      strides_[op][d0] = strides_[op][d1];
  };
  int prev = 0;
  for (int d = 1; d < ndim_; ++d) {
    if (can_coalesce(prev, d)) {
      if (shape_[prev] == 1)
        replace_stride(prev, d);
      shape_[prev] *= shape_[d];
    } else {
      ++prev;
      if (prev != d) {
        replace_stride(prev, d);
        shape_[prev] = shape_[d];
      }
    }
  }
  ndim_ = prev + 1;
  shape_.resize(size_t(ndim_));
  for (int op = 0; op < nops_; ++op)
    strides_[op].resize(size_t(ndim_));
}

// ===========================================================================
// Layout checks
// ===========================================================================

bool is_non_overlapping_and_dense(const TensorImpl &t) {
  if (t.contiguous)
    return true;
  size_t n = t.sizes.size();
  DimVector perm(n);
  for (size_t i = 0; i < n; ++i)
    perm[i] = int64_t(i);
  // Size-0/1 dims last, the rest by increasing stride.
  std::sort(perm.begin(), perm.end(), [&](int64_t a, int64_t b) {
    if (t.sizes[a] < 2)
      return false;
    if (t.sizes[b] < 2)
      return true;
    return t.strides[a] < t.strides[b];
  });
  int64_t require = 1;
  for (size_t i = 0; i < n; ++i) {
    int64_t size = t.sizes[perm[i]];
    if (size < 2)
      return true;
    if (t.strides[perm[i]] != require)
      return false;
    require *= size;
  }
  return true;
}

namespace {

enum class Overlap { None, Full, Partial, TooHard };

// PyTorch's get_overlap_status, plus: two non-dense tensors whose memory
// ranges are disjoint are known not to overlap.
Overlap overlap_status(const TensorImpl &a, const TensorImpl &b) {
  if (&a == &b)
    return Overlap::Full;
  if (a.numel == 0 || b.numel == 0 || a.storage != b.storage)
    return Overlap::None;
  auto range = [](const TensorImpl &t, const char *&lo, const char *&hi) {
    int64_t extent = 0;
    for (size_t d = 0; d < t.sizes.size(); ++d)
      extent += (t.sizes[d] - 1) * t.strides[d];
    lo = t.data();
    hi = lo + (extent + 1) * int64_t(elementSize(t.dtype));
  };
  const char *alo, *ahi, *blo, *bhi;
  range(a, alo, ahi);
  range(b, blo, bhi);
  if (!(alo < bhi && blo < ahi))
    return Overlap::None;
  if (!is_non_overlapping_and_dense(a) || !is_non_overlapping_and_dense(b))
    return Overlap::TooHard;
  if (alo == blo && ahi == bhi)
    return a.strides.ref() == b.strides.ref() && a.dtype == b.dtype ? Overlap::Full
                                                                     : Overlap::Partial;
  return Overlap::Partial;
}

// Checks an input against the tensor written to. Returns the input to read:
// itself, or a copy when the overlap cannot be analysed (then the result is
// as if the input had been read completely before any write).
Tensor checked_input(const Tensor &out, const Tensor &in) {
  switch (overlap_status(out.impl(), in.impl())) {
  case Overlap::None:
  case Overlap::Full:
    return in;
  case Overlap::Partial:
    fail("unsupported operation: some elements of the input tensor and the written-to tensor "
         "refer to a single memory location. Please clone() the tensor before performing the "
         "operation.");
  case Overlap::TooHard:
    break;
  }
  Tensor copy = empty_tensor(in.sizes(), in.dtype());
  copy_loop(copy, in);
  return copy;
}

} // namespace

void check_no_internal_overlap(const Tensor &t) {
  const TensorImpl &i = t.impl();
  if (is_non_overlapping_and_dense(i))
    return;
  for (size_t d = 0; d < i.sizes.size(); ++d)
    AG_CHECK(!(i.sizes[d] > 1 && i.strides[d] == 0),
             "unsupported operation: more than one element of the written-to tensor refers to a "
             "single memory location. Please clone() the tensor before performing the operation.");
}

DimVector broadcast_shapes(IntArrayRef a, IntArrayRef b) {
  size_t n = std::max(a.size(), b.size());
  DimVector out(n);
  for (size_t i = n; i-- > 0;) {
    size_t back = n - 1 - i;
    int64_t sa = back < a.size() ? a[a.size() - 1 - back] : 1;
    int64_t sb = back < b.size() ? b[b.size() - 1 - back] : 1;
    if (sa == sb || sb == 1)
      out[i] = sa;
    else if (sa == 1)
      out[i] = sb;
    else
      fail("The size of tensor a (", sa, ") must match the size of tensor b (", sb,
           ") at non-singleton dimension ", i, " (shapes ", a, " and ", b, ")");
  }
  return out;
}

namespace {

// Checks that `other` can be written into `self` in place: broadcastable to
// self's shape without growing it. (Overlap is checked separately.)
void check_inplace_shape(const Tensor &self, IntArrayRef other) {
  IntArrayRef s = self.sizes();
  if (s == other)
    return;
  DimVector shape = broadcast_shapes(s, other);
  AG_CHECK(shape.ref() == s, "output with shape ", s, " doesn't match the broadcast shape ",
           shape.ref());
}

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

template <typename T, typename Fn>
void with_binary_op(BinaryOp op, const Scalar &alpha, Fn &&fn) {
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
  case BinaryOp::Mul: fn(MulOp<T>{}); return;
  case BinaryOp::Div: fn(DivOp<T>{}); return;
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
#define AG_FLOAT_UNARY(Name, fn)                                                                \
  template <typename T> struct Name {                                                           \
    T operator()(T a) const {                                                                   \
      if constexpr (std::is_floating_point_v<T>)                                                \
        return std::fn(a);                                                                      \
      else                                                                                      \
        return convert<T>(std::fn(double(a)));                                                  \
    }                                                                                           \
  };
AG_FLOAT_UNARY(ExpOp, exp)
AG_FLOAT_UNARY(LogOp, log)
AG_FLOAT_UNARY(SqrtOp, sqrt)
#undef AG_FLOAT_UNARY

template <typename T, typename Fn> void with_unary_op(UnaryOp op, Fn &&fn) {
  switch (op) {
  case UnaryOp::Neg: fn(NegOp<T>{}); return;
  case UnaryOp::Abs: fn(AbsOp<T>{}); return;
  case UnaryOp::Exp: fn(ExpOp<T>{}); return;
  case UnaryOp::Log: fn(LogOp<T>{}); return;
  case UnaryOp::Sqrt: fn(SqrtOp<T>{}); return;
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
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(AG_NO_TARGET_CLONES)
#define AG_TARGET_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define AG_TARGET_CLONES
#endif

namespace fast {
#define AG_FAST_LOOPS(T, NAME, OP)                                                                 \
  AG_TARGET_CLONES void NAME##_##T##_vv(T *o, const T *x, const T *y, int64_t n) {                \
    const OP<T> op{};                                                                              \
    for (int64_t i = 0; i < n; ++i)                                                                \
      o[i] = op(x[i], y[i]);                                                                       \
  }                                                                                                \
  AG_TARGET_CLONES void NAME##_##T##_vs(T *o, const T *x, T y, int64_t n) {                       \
    const OP<T> op{};                                                                              \
    for (int64_t i = 0; i < n; ++i)                                                                \
      o[i] = op(x[i], y);                                                                          \
  }                                                                                                \
  AG_TARGET_CLONES void NAME##_##T##_sv(T *o, T x, const T *y, int64_t n) {                       \
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
  if constexpr (std::is_same_v<T, TY> && std::is_same_v<Op, OPT<TY>>) {                           \
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
inline void binary_row(char *out, const char *a, const char *b, int64_t n, int64_t so,
                       int64_t sa, int64_t sb, const Op &op) {
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
      *reinterpret_cast<T *>(out + i * so) = op(*reinterpret_cast<const T *>(a + i * sa),
                                                *reinterpret_cast<const T *>(b + i * sb));
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

// One operand of a binary op: a tensor (already of the compute dtype) or a
// scalar (converted to it, broadcast without being materialised).
struct Arg {
  const Tensor *tensor = nullptr;
  const Scalar *scalar = nullptr;
};

// A new tensor of `sizes` laid out densely in the loop's order (contiguous
// unless the inputs are permuted alike, as PyTorch's TensorIterator).
Tensor alloc_output(NdLoop &loop, IntArrayRef sizes, ScalarType dtype) {
  Tensor out = empty_tensor(sizes, dtype);
  DimVector strides = loop.dense_out_strides();
  TensorImpl &impl = out.impl();
  if (!(strides.ref() == impl.strides.ref())) {
    impl.strides = std::move(strides);
    impl.refresh();
  }
  loop.set_output(0, impl.data(), int64_t(elementSize(dtype)));
  return out;
}

template <typename T, typename Op> Tensor binary_new(const Arg &a, const Arg &b, const Op &op) {
  constexpr int64_t E = sizeof(T);
  const T av = a.scalar ? a.scalar->to<T>() : T();
  const T bv = b.scalar ? b.scalar->to<T>() : T();
  const TensorImpl *ai = a.tensor ? &a.tensor->impl() : nullptr;
  const TensorImpl *bi = b.tensor ? &b.tensor->impl() : nullptr;

  // Fast path: contiguous operands of one shape, or contiguous and scalar.
  const TensorImpl *lead = ai ? ai : bi;
  bool fast = lead->contiguous && (!ai || !bi || (bi->contiguous && ai->sizes.ref() == bi->sizes.ref()));
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
template <typename T, typename Op> void binary_inplace(const Tensor &self, const Arg &b, const Op &op) {
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
  loop.run([&](char **p, const int64_t *s, int64_t n) { unary_row<T>(p[0], p[1], n, s[0], s[1], op); });
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
  loop.run([&](char **p, const int64_t *s, int64_t n) { unary_row<T>(p[0], p[1], n, s[0], s[1], op); });
}

Tensor as_dtype(const Tensor &t, ScalarType dtype) {
  return t.dtype() == dtype ? t : t.to(dtype);
}

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

// The checks every in-place op makes on self and its tensor input, in
// PyTorch's order: overlap, then shape. Returns the input to read.
Tensor inplace_input(const Tensor &self, const Tensor &b) {
  check_defined(b, "in-place operation");
  check_no_internal_overlap(self);
  Tensor in = checked_input(self, b);
  check_inplace_shape(self, b.sizes());
  return in;
}

void check_cast(ScalarType result, const Tensor &self) {
  AG_CHECK(canCast(result, self.dtype()), "result type ", toString(result),
           " can't be cast to the desired output type ", toString(self.dtype()));
}

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

} // namespace

// ===========================================================================
// The internal contract (internal.h)
// ===========================================================================

Tensor binary(BinaryOp op, const Tensor &a, const Tensor &b, ScalarType dtype, const Scalar &alpha) {
  return binary_args(op, Arg{&a, nullptr}, Arg{&b, nullptr}, dtype, alpha);
}

Tensor binary(BinaryOp op, const Tensor &a, const Scalar &b, ScalarType dtype, const Scalar &alpha) {
  return binary_args(op, Arg{&a, nullptr}, Arg{nullptr, &b}, dtype, alpha);
}

void binary_(BinaryOp op, const Tensor &self, const Tensor &b, ScalarType dtype, const Scalar &alpha) {
  Tensor in = inplace_input(self, b);
  binary_inplace_args(op, self, Arg{&in, nullptr}, dtype, alpha);
}

void binary_(BinaryOp op, const Tensor &self, const Scalar &b, ScalarType dtype, const Scalar &alpha) {
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
      loop.run([&](char **p, const int64_t *s, int64_t n) { convert_row<D, S>(p[0], p[1], n, s[0], s[1]); });
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
        parallel_for(di.numel, kGrainSize, [&](int64_t begin, int64_t end) {
          std::fill(o + begin, o + end, v);
        });
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

} // namespace detail

// ===========================================================================
// Type promotion (PyTorch's ResultTypeState restricted to ag's dtypes)
// ===========================================================================

namespace {

using detail::Arg;
using detail::BinaryOp;
using detail::UnaryOp;

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

ScalarType true_div_type(ScalarType t) { return isIntegralType(t, true) ? kDefaultFloat : t; }

void alpha_check(ScalarType dtype, const Scalar &alpha) {
  AG_CHECK(!alpha.isBoolean() || dtype == kBool, "Boolean alpha only supported for Boolean results.");
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

void neg_check(const Tensor &t) {
  AG_CHECK(t.dtype() != kBool,
           "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to "
           "invert a mask, use the `~` or `logical_not()` operator instead.");
}

void abs_check(const Tensor &t) {
  AG_CHECK(t.dtype() != kBool, "\"abs_cpu\" not implemented for 'Bool'");
}

ScalarType float_unary_type(const Tensor &t) { return true_div_type(t.dtype()); }

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
  Tensor in = detail::as_dtype(b, dtype);
  Tensor out;
  detail::dispatch(dtype, [&](auto tag) {
    using T = decltype(tag);
    detail::with_binary_op<T>(op, 1, [&](const auto &f) {
      out = detail::binary_new<T>(Arg{nullptr, &a}, Arg{&in, nullptr}, f);
    });
  });
  return out;
}

Tensor &binary_inplace_checked(BinaryOp op, const Tensor &self, const Tensor &b, const Scalar &alpha) {
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

Tensor &binary_inplace_checked(BinaryOp op, const Tensor &self, const Scalar &b, const Scalar &alpha) {
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
  detail::dispatch(self.dtype(), [&](auto tag) {
    using T = decltype(tag);
    detail::with_unary_op<T>(op, [&](const auto &f) { detail::unary_inplace<T>(self, f); });
  });
  self.impl().storage->bump_version();
  return const_cast<Tensor &>(self);
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
  AG_CHECK(dtype != kBool, "\"", min && max ? "clamp_scalar_cpu" : min ? "clamp_min_cpu" : "clamp_max_cpu",
           "\" not implemented for 'Bool'");
}

template <typename T>
detail::ClampOp<T> make_clamp(const std::optional<Scalar> &min, const std::optional<Scalar> &max) {
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
  return detail::ClampOp<T>{lo, hi};
}

} // namespace

ScalarType result_type(const Tensor &a, const Tensor &b) {
  ResultTypeState state;
  state.add(a);
  state.add(b);
  return state.result();
}

ScalarType result_type(const Tensor &a, const Scalar &b) {
  ResultTypeState state;
  state.add(a);
  state.add(b);
  return state.result();
}

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
[[gnu::noinline, gnu::cold]] Tensor read_binary_checked(const char *op,
                                                        detail::alias::Site site,
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
Tensor read_binary(const char *op, const SiteT &site, BinaryOp bop, const Tensor &a,
                   const Other &b, const Scalar &alpha) {
  if (detail::alias::checking())
    return read_binary_checked(op, site, bop, a, b, alpha);
  return binary_checked(bop, a, b, alpha);
}

template <typename Other>
[[gnu::noinline, gnu::cold]] Tensor &write_binary_checked(const char *op,
                                                          detail::alias::Site site,
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
Tensor &write_binary(const char *op, const SiteT &site, BinaryOp bop,
                     const Tensor &self, const Other &b, const Scalar &alpha) {
  if (detail::alias::checking())
    return write_binary_checked(op, site, bop, self, b, alpha);
  return binary_inplace_checked(bop, self, b, alpha);
}
// The dtype a unary op computes in, after its dtype checks: neg and abs keep
// t's dtype, exp/log/sqrt compute in floating point.
ScalarType unary_type(UnaryOp uop, const Tensor &t) {
  switch (uop) {
  case UnaryOp::Neg: neg_check(t); return t.dtype();
  case UnaryOp::Abs: abs_check(t); return t.dtype();
  case UnaryOp::Exp:
  case UnaryOp::Log:
  case UnaryOp::Sqrt: return float_unary_type(t);
  }
  return float_unary_type(t);
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
  Tensor in = detail::as_dtype(*this, dtype);
  Tensor out;
  detail::dispatch(dtype, [&](auto tag) {
    using T = decltype(tag);
    out = detail::unary_new<T>(in, make_clamp<T>(min, max));
  });
  return out;
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
Tensor &Tensor::sqrt_(Loc caller) const { return write_unary("sqrt_", caller, UnaryOp::Sqrt, *this); }

Tensor &Tensor::clamp_(const std::optional<Scalar> &min, const std::optional<Scalar> &max,
                       Loc caller) const {
  Scope scope("clamp_", caller);
  detail::check_no_internal_overlap(*this);
  ScalarType dtype = clamp_type(*this, min, max);
  detail::check_cast(dtype, *this);
  clamp_bool_check(dtype, min, max);
  detail::dispatch(this->dtype(), [&](auto tag) {
    using T = decltype(tag);
    detail::unary_inplace<T>(*this, make_clamp<T>(min, max));
  });
  impl().storage->bump_version();
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
Tensor operator-(const Tensor &a) { return read_unary("operator-", AG_RETURN_SITE, UnaryOp::Neg, a); }

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
  loop.set_operand(0, static_cast<char *>(x.data_ptr()), x.sizes(), x.strides(), int64_t(x.element_size()));
  loop.set_operand(1, static_cast<char *>(y.data_ptr()), y.sizes(), y.strides(), int64_t(y.element_size()));
  loop.reorder();
  loop.coalesce();
  detail::dispatch(common, [&](auto tag) {
    using T = decltype(tag);
    loop.run_range(0, loop.numel(), [&](char **p, const int64_t *s, int64_t n) {
      for (int64_t i = 0; i < n && same; ++i)
        same = *reinterpret_cast<const T *>(p[0] + i * s[0]) == *reinterpret_cast<const T *>(p[1] + i * s[1]);
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
  loop.set_operand(0, static_cast<char *>(a.data_ptr()), a.sizes(), a.strides(), int64_t(a.element_size()));
  loop.set_operand(1, static_cast<char *>(b.data_ptr()), b.sizes(), b.strides(), int64_t(b.element_size()));
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
