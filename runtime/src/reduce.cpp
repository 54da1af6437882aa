// Reductions: sum, mean, max, min over the whole tensor or over dims, with
// PyTorch's dtypes (sum of integers/bool is Long, mean needs floating point)
// and errors.
#include "loops.h"
#include "alias/tracker.h"

#include <cmath>

namespace ag {
namespace detail {
namespace {

// Which dims a reduction covers; an empty list means all of them (PyTorch).
std::vector<bool> reduced_dims(const Tensor &t, IntArrayRef dims) {
  int64_t ndim = t.dim();
  std::vector<bool> mask(size_t(std::max<int64_t>(ndim, 1)), dims.empty());
  for (int64_t d : dims) {
    int64_t w = wrap_dim(d, ndim);
    AG_CHECK(!mask[size_t(w)], "dim ", w, " appears multiple times in the list of dims");
    mask[size_t(w)] = true;
  }
  return mask;
}

// The result's shape with reduced dims kept as 1 (keepdim) or dropped.
DimVector reduced_shape(const Tensor &t, const std::vector<bool> &mask, bool keepdim) {
  DimVector out;
  for (int64_t d = 0; d < t.dim(); ++d) {
    if (!mask[size_t(d)])
      out.push_back(t.size(d));
    else if (keepdim)
      out.push_back(1);
  }
  return out;
}

// Floating sums accumulate in double, integral ones in int64 (wrapping).
template <typename A> inline A add_acc(A a, A b) {
  if constexpr (std::is_floating_point_v<A>)
    return a + b;
  else
    return wrap_add(a, b);
}

template <typename T> using acc_t = std::conditional_t<std::is_floating_point_v<T>, double, int64_t>;

// acc (keepdim shape, type A) += input over the reduced dims.
template <typename T> Tensor sum_into_acc(const Tensor &in, IntArrayRef keep_shape) {
  using A = acc_t<T>;
  Tensor acc = empty_tensor(keep_shape, CppToScalarType<A>::value);
  A *accp = acc.data_ptr<A>();
  std::fill(accp, accp + acc.numel(), A(0));
  if (in.numel() == 0)
    return acc;
  NdLoop loop(in.sizes(), 2);
  loop.set_operand(0, reinterpret_cast<char *>(accp), acc.sizes(), acc.strides(), int64_t(sizeof(A)));
  loop.set_operand(1, static_cast<char *>(in.data_ptr()), in.sizes(), in.strides(), int64_t(sizeof(T)));
  loop.reorder();
  loop.coalesce();
  // Accumulators are shared between rows, so this runs on one thread.
  loop.run_range(0, loop.numel(), [&](char **p, const int64_t *s, int64_t n) {
    if (s[0] == 0) {
      // Several partial sums let the additions overlap in the pipeline.
      A part[4] = {0, 0, 0, 0};
      int64_t i = 0;
      for (; i + 4 <= n; i += 4)
        for (int j = 0; j < 4; ++j)
          part[j] = add_acc(part[j], A(*reinterpret_cast<const T *>(p[1] + (i + j) * s[1])));
      for (; i < n; ++i)
        part[0] = add_acc(part[0], A(*reinterpret_cast<const T *>(p[1] + i * s[1])));
      A &dst = *reinterpret_cast<A *>(p[0]);
      dst = add_acc(dst, add_acc(add_acc(part[0], part[1]), add_acc(part[2], part[3])));
    } else {
      for (int64_t i = 0; i < n; ++i) {
        A &dst = *reinterpret_cast<A *>(p[0] + i * s[0]);
        dst = add_acc(dst, A(*reinterpret_cast<const T *>(p[1] + i * s[1])));
      }
    }
  });
  return acc;
}

// A result of `shape` and `dtype` filled from acc (same elements, keepdim
// layout).
Tensor finish(const Tensor &acc, IntArrayRef shape, ScalarType dtype) {
  Tensor out = empty_tensor(shape, dtype);
  Tensor as_keep = make_view(out, acc.sizes(), contiguous_strides(acc.sizes()), 0);
  copy_loop(as_keep, acc);
  return out;
}

Tensor sum_impl(const Tensor &t, IntArrayRef dims, bool keepdim) {
  std::vector<bool> mask = reduced_dims(t, dims);
  DimVector keep_shape = reduced_shape(t, mask, true);
  DimVector shape = reduced_shape(t, mask, keepdim);
  ScalarType out_dtype = isIntegralType(t.dtype(), true) ? kLong : t.dtype();
  Tensor acc;
  dispatch(t.dtype(), [&](auto tag) { acc = sum_into_acc<decltype(tag)>(t, keep_shape); });
  return finish(acc, shape, out_dtype);
}

Tensor mean_impl(const Tensor &t, IntArrayRef dims, bool keepdim) {
  AG_CHECK(isFloatingType(t.dtype()),
           "mean(): could not infer output dtype. Input dtype must be either a floating point or "
           "complex dtype. Got: ",
           toString(t.dtype()));
  std::vector<bool> mask = reduced_dims(t, dims);
  DimVector keep_shape = reduced_shape(t, mask, true);
  DimVector shape = reduced_shape(t, mask, keepdim);
  int64_t count = 1;
  for (int64_t d = 0; d < t.dim(); ++d)
    if (mask[size_t(d)])
      count *= t.size(d);
  Tensor acc;
  dispatch(t.dtype(), [&](auto tag) { acc = sum_into_acc<decltype(tag)>(t, keep_shape); });
  // The mean of no elements is 0/0 = NaN, as PyTorch's.
  double *a = acc.data_ptr<double>();
  for (int64_t i = 0; i < acc.numel(); ++i)
    a[i] /= double(count);
  return finish(acc, shape, t.dtype());
}

// NaN wins (PyTorch propagates it); among equals the first index wins.
template <typename T, bool Max> inline bool better(T v, T best) {
  if constexpr (std::is_floating_point_v<T>) {
    if (v != v)
      return best == best;
  }
  return Max ? v > best : v < best;
}

template <bool Max> Tensor extreme_all(const Tensor &t) {
  const char *name = Max ? "max" : "min";
  AG_CHECK(t.numel() > 0, name,
           "(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
           "reduction dim with the 'dim' argument.");
  Tensor out = empty_tensor({}, t.dtype());
  dispatch(t.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const TensorImpl &ti = t.impl();
    NdLoop loop(ti.sizes, 1);
    loop.set_operand(0, ti.data(), ti.sizes, ti.strides, int64_t(sizeof(T)));
    loop.reorder();
    loop.coalesce();
    T best = *reinterpret_cast<const T *>(ti.data());
    loop.run_range(0, loop.numel(), [&](char **p, const int64_t *s, int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        T v = *reinterpret_cast<const T *>(p[0] + i * s[0]);
        if (better<T, Max>(v, best))
          best = v;
      }
    });
    *out.data_ptr<T>() = best;
  });
  return out;
}

template <bool Max> std::tuple<Tensor, Tensor> extreme_dim(const Tensor &t, int64_t dim, bool keepdim) {
  const char *name = Max ? "max" : "min";
  int64_t d = wrap_dim(dim, t.dim());
  int64_t len = t.dim() == 0 ? 1 : t.size(d);
  AG_CHECK(len > 0, name, "(): Expected reduction dim ", d, " to have non-zero size.");
  std::vector<bool> mask(size_t(std::max<int64_t>(t.dim(), 1)), false);
  mask[size_t(d)] = true;
  DimVector keep_shape = reduced_shape(t, mask, true);
  DimVector shape = reduced_shape(t, mask, keepdim);
  Tensor values = empty_tensor(shape, t.dtype());
  Tensor indices = empty_tensor(shape, kLong);
  if (values.numel() == 0)
    return {values, indices};
  const TensorImpl &ti = t.impl();
  const int64_t in_stride = t.dim() == 0 ? 0 : ti.strides[size_t(d)];
  dispatch(t.dtype(), [&](auto tag) {
    using T = decltype(tag);
    constexpr int64_t E = sizeof(T);
    // Iterate the kept positions; each row pointer is the start of one
    // reduction line (the reduced dim has size 1 in keep_shape).
    NdLoop loop(keep_shape, 3);
    loop.set_operand(0, static_cast<char *>(values.data_ptr()), keep_shape, contiguous_strides(keep_shape), E);
    loop.set_operand(1, static_cast<char *>(indices.data_ptr()), keep_shape, contiguous_strides(keep_shape),
                     int64_t(sizeof(int64_t)));
    DimVector in_strides(ti.strides);
    loop.set_operand(2, ti.data(), keep_shape, in_strides, E);
    loop.reorder();
    loop.coalesce();
    loop.run([&](char **p, const int64_t *s, int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        const char *line = p[2] + i * s[2];
        T best = *reinterpret_cast<const T *>(line);
        int64_t best_k = 0;
        for (int64_t k = 1; k < len; ++k) {
          T v = *reinterpret_cast<const T *>(line + k * in_stride * E);
          if (better<T, Max>(v, best)) {
            best = v;
            best_k = k;
          }
        }
        *reinterpret_cast<T *>(p[0] + i * s[0]) = best;
        *reinterpret_cast<int64_t *>(p[1] + i * s[1]) = best_k;
      }
    }, std::max<int64_t>(1, kGrainSize / len));
  });
  return {values, indices};
}

} // namespace
} // namespace detail

using Loc = detail::CallSite;

namespace {
// A reduction: reads t.
template <typename F> auto reading(const char *op, Loc caller, const Tensor &t, F &&f) {
  if (!detail::alias::checking())
    return f();
  detail::alias::Scope scope(op, caller);
  scope.read(t);
  return f();
}
} // namespace

Tensor Tensor::sum(Loc caller) const {
  return reading("sum", caller, *this, [&] { return detail::sum_impl(*this, {}, false); });
}
Tensor Tensor::sum(IntArrayRef dims, bool keepdim, Loc caller) const {
  return reading("sum", caller, *this, [&] { return detail::sum_impl(*this, dims, keepdim); });
}
Tensor Tensor::mean(Loc caller) const {
  return reading("mean", caller, *this, [&] { return detail::mean_impl(*this, {}, false); });
}
Tensor Tensor::mean(IntArrayRef dims, bool keepdim, Loc caller) const {
  return reading("mean", caller, *this, [&] { return detail::mean_impl(*this, dims, keepdim); });
}
Tensor Tensor::max(Loc caller) const {
  return reading("max", caller, *this, [&] { return detail::extreme_all<true>(*this); });
}
Tensor Tensor::min(Loc caller) const {
  return reading("min", caller, *this, [&] { return detail::extreme_all<false>(*this); });
}
std::tuple<Tensor, Tensor> Tensor::max(int64_t dim, bool keepdim, Loc caller) const {
  return reading("max", caller, *this,
                 [&] { return detail::extreme_dim<true>(*this, dim, keepdim); });
}
std::tuple<Tensor, Tensor> Tensor::min(int64_t dim, bool keepdim, Loc caller) const {
  return reading("min", caller, *this,
                 [&] { return detail::extreme_dim<false>(*this, dim, keepdim); });
}

Tensor sum(const Tensor &t, Loc caller) { return t.sum(caller); }
Tensor sum(const Tensor &t, IntArrayRef dims, bool keepdim, Loc caller) {
  return t.sum(dims, keepdim, caller);
}
Tensor mean(const Tensor &t, Loc caller) { return t.mean(caller); }
Tensor mean(const Tensor &t, IntArrayRef dims, bool keepdim, Loc caller) {
  return t.mean(dims, keepdim, caller);
}
Tensor max(const Tensor &t, Loc caller) { return t.max(caller); }
std::tuple<Tensor, Tensor> max(const Tensor &t, int64_t dim, bool keepdim, Loc caller) {
  return t.max(dim, keepdim, caller);
}
Tensor min(const Tensor &t, Loc caller) { return t.min(caller); }
std::tuple<Tensor, Tensor> min(const Tensor &t, int64_t dim, bool keepdim, Loc caller) {
  return t.min(dim, keepdim, caller);
}

} // namespace ag
