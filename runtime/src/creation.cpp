// Factory functions: tensor() from nested lists, empty/zeros/ones/full,
// rand/randn with a process-wide seeded generator, arange, and *_like.
#include "internal.h"
#include "loops.h"

#include <cmath>
#include <limits>
#include <mutex>
#include <random>

namespace ag {
namespace {

// ---------------------------------------------------------------------------
// tensor(TensorData)
// ---------------------------------------------------------------------------

// The shape of nested data, read along the first element of every level;
// every other element is checked against it while flattening.
detail::DimVector data_shape(const TensorData &data) {
  detail::DimVector shape;
  const TensorData *level = &data;
  while (!level->is_scalar()) {
    shape.push_back(int64_t(level->list().size()));
    if (level->list().empty())
      break;
    level = &level->list().front();
  }
  return shape;
}

// Collects the leaves in row-major order, checking that the nesting is
// rectangular, and widens `kind` to hold every leaf (bool < int < float).
void flatten_data(const TensorData &node, IntArrayRef shape, size_t depth,
                  std::vector<const Scalar *> &leaves, ScalarType &kind) {
  if (depth == shape.size()) {
    AG_CHECK(node.is_scalar(), "Expected a number at dim ", depth, " (got a sequence of length ",
             node.list().size(), ")");
    const Scalar &s = node.scalar();
    kind = promoteTypes(kind, s.isFloatingPoint() ? kDefaultFloat : s.type());
    leaves.push_back(&s);
    return;
  }
  AG_CHECK(!node.is_scalar(), "Expected sequence of length ", shape[depth], " at dim ", depth,
           " (got a number)");
  AG_CHECK(int64_t(node.list().size()) == shape[depth], "Expected sequence of length ",
           shape[depth], " at dim ", depth, " (got ", node.list().size(), ")");
  for (const TensorData &child : node.list())
    flatten_data(child, shape, depth + 1, leaves, kind);
}

// Writes scalars (already in row-major order) into a new contiguous tensor.
Tensor tensor_from_scalars(IntArrayRef shape, ScalarType dtype,
                           const std::vector<const Scalar *> &values) {
  Tensor out = detail::empty_tensor(shape, dtype);
  detail::dispatch(dtype, [&](auto tag) {
    using T = decltype(tag);
    T *p = out.data_ptr<T>();
    for (size_t i = 0; i < values.size(); ++i)
      p[i] = values[i]->to<T>();
  });
  return out;
}

// ---------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------

// torch's default seed, so unseeded runs are reproducible too.
constexpr uint64_t kDefaultSeed = 67280421310721ULL;

struct Generator {
  std::mutex mutex;
  std::mt19937_64 engine{kDefaultSeed};
};

Generator &generator() {
  static Generator g;
  return g;
}

// The conversions are written out (not std:: distributions, whose output
// differs between standard libraries) so a seed gives the same numbers
// everywhere: the top 53 (or 24) bits as a fraction in [0, 1).
double uniform_double(std::mt19937_64 &e) { return double(e() >> 11) * 0x1.0p-53; }
float uniform_float(std::mt19937_64 &e) { return float(e() >> 40) * 0x1.0p-24f; }

void check_floating(ScalarType dtype, const char *kernel) {
  AG_CHECK(isFloatingType(dtype), "\"", kernel, "\" not implemented for '", toString(dtype), "'");
}

struct UniformFill {
  template <typename T> void operator()(T *out, int64_t n, std::mt19937_64 &e) const {
    for (int64_t i = 0; i < n; ++i) {
      if constexpr (std::is_same_v<T, float>)
        out[i] = uniform_float(e);
      else
        out[i] = uniform_double(e);
    }
  }
};

// Box-Muller: each pair of uniforms gives two independent normals.
struct NormalFill {
  template <typename T> void operator()(T *out, int64_t n, std::mt19937_64 &e) const {
    constexpr double kTwoPi = 6.283185307179586476925286766559;
    for (int64_t i = 0; i < n; i += 2) {
      double u1 = 1.0 - uniform_double(e); // (0, 1]: log() stays finite
      double u2 = uniform_double(e);
      double r = std::sqrt(-2.0 * std::log(u1));
      out[i] = T(r * std::cos(kTwoPi * u2));
      if (i + 1 < n)
        out[i + 1] = T(r * std::sin(kTwoPi * u2));
    }
  }
};

// Fills a new dense tensor (contiguous, or a permutation of contiguous: its
// elements are numel consecutive values from data_ptr) under the lock.
template <typename Fill> Tensor random_fill(Tensor out, const Fill &fill) {
  Generator &g = generator();
  std::lock_guard<std::mutex> lock(g.mutex);
  if (out.dtype() == kFloat)
    fill(static_cast<float *>(out.data_ptr()), out.numel(), g.engine);
  else
    fill(static_cast<double *>(out.data_ptr()), out.numel(), g.engine);
  return out;
}

Tensor filled(Tensor out, const Scalar &value) {
  detail::fill_into(out, value);
  return out;
}

// An uninitialised tensor shaped like t, with PyTorch's
// MemoryFormat::Preserve layout: a dense t's strides are kept (so the *_like
// of a transposed tensor is transposed too); any other t gets dense strides
// in t's dim order.
Tensor empty_preserving_layout(const Tensor &t, ScalarType dtype) {
  const detail::TensorImpl &impl = t.impl();
  Tensor out = detail::empty_tensor(impl.sizes, dtype);
  if (impl.contiguous)
    return out;
  detail::DimVector strides;
  if (detail::is_non_overlapping_and_dense(impl)) {
    strides = impl.strides;
  } else {
    detail::NdLoop order(impl.sizes, 1);
    order.set_operand(0, nullptr, impl.sizes, impl.strides, 1);
    order.reorder();
    strides = order.dense_out_strides();
  }
  return detail::make_view(out, impl.sizes, strides, 0);
}

// The dtype of a tensor made from one number: Python floats are the
// default float dtype.
ScalarType scalar_dtype(const Scalar &s) { return s.isFloatingPoint() ? kDefaultFloat : s.type(); }

// ---------------------------------------------------------------------------
// arange
// ---------------------------------------------------------------------------

// PyTorch's checks, in PyTorch's order, on the step's sign and the bounds.
void check_range(double start, double end, double step) {
  AG_CHECK(step > 0 || step < 0, "step must be nonzero");
  AG_CHECK(std::isfinite(start) && std::isfinite(end), "unsupported range: ", start, " -> ", end);
  AG_CHECK((step > 0 && end >= start) || (step < 0 && end <= start),
           "upper bound and larger bound inconsistent with step sign");
}

// Integer arguments: an exact count, in unsigned arithmetic so that even
// ranges spanning all of int64 cannot overflow.
Tensor arange_integral(int64_t start, int64_t end, int64_t step, ScalarType dtype) {
  check_range(double(start), double(end), double(step));
  uint64_t span = step > 0 ? uint64_t(end) - uint64_t(start) : uint64_t(start) - uint64_t(end);
  uint64_t magnitude = step > 0 ? uint64_t(step) : uint64_t(0) - uint64_t(step);
  uint64_t count = span / magnitude + (span % magnitude != 0);
  AG_CHECK(count <= uint64_t(std::numeric_limits<int64_t>::max()), "invalid size, possible overflow?");
  Tensor out = detail::empty_tensor({int64_t(count)}, dtype);
  detail::dispatch(dtype, [&](auto tag) {
    using T = decltype(tag);
    T *p = out.data_ptr<T>();
    for (uint64_t i = 0; i < count; ++i)
      p[i] = detail::convert<T>(int64_t(uint64_t(start) + i * uint64_t(step)));
  });
  return out;
}

Tensor arange_floating(double start, double end, double step, ScalarType dtype) {
  check_range(start, end, step);
  double size = std::ceil((end - start) / step);
  // 2^63 itself does not convert to int64.
  AG_CHECK(size >= 0 && size < 0x1p63, "invalid size, possible overflow?");
  Tensor out = detail::empty_tensor({int64_t(size)}, dtype);
  detail::dispatch(dtype, [&](auto tag) {
    using T = decltype(tag);
    T *p = out.data_ptr<T>();
    const int64_t n = out.numel();
    for (int64_t i = 0; i < n; ++i)
      p[i] = detail::convert<T>(start + double(i) * step);
  });
  return out;
}

} // namespace

Tensor tensor(const TensorData &data, TensorOptions options) {
  detail::DimVector shape = data_shape(data);
  std::vector<const Scalar *> leaves;
  ScalarType kind = kBool;
  flatten_data(data, shape, 0, leaves, kind);
  // An empty list holds no numbers to infer from: the default float dtype.
  if (leaves.empty())
    kind = kDefaultFloat;
  return tensor_from_scalars(shape, options.dtype_opt().value_or(kind), leaves);
}

Tensor empty(IntArrayRef size, TensorOptions options) {
  return detail::empty_tensor(size, options.dtype());
}

Tensor zeros(IntArrayRef size, TensorOptions options) {
  return filled(detail::empty_tensor(size, options.dtype()), 0);
}

Tensor ones(IntArrayRef size, TensorOptions options) {
  return filled(detail::empty_tensor(size, options.dtype()), 1);
}

Tensor full(IntArrayRef size, const Scalar &fill_value, TensorOptions options) {
  ScalarType dtype = options.dtype_opt().value_or(scalar_dtype(fill_value));
  return filled(detail::empty_tensor(size, dtype), fill_value);
}

Tensor rand(IntArrayRef size, TensorOptions options) {
  check_floating(options.dtype(), "check_uniform_bounds");
  return random_fill(detail::empty_tensor(size, options.dtype()), UniformFill{});
}

Tensor randn(IntArrayRef size, TensorOptions options) {
  check_floating(options.dtype(), "normal_kernel_cpu");
  return random_fill(detail::empty_tensor(size, options.dtype()), NormalFill{});
}

void manual_seed(uint64_t seed) {
  Generator &g = generator();
  std::lock_guard<std::mutex> lock(g.mutex);
  g.engine.seed(seed);
}

Tensor arange(const Scalar &end, TensorOptions options) { return arange(0, end, 1, options); }

Tensor arange(const Scalar &start, const Scalar &end, TensorOptions options) {
  return arange(start, end, 1, options);
}

Tensor arange(const Scalar &start, const Scalar &end, const Scalar &step, TensorOptions options) {
  const bool integral_args =
      !start.isFloatingPoint() && !end.isFloatingPoint() && !step.isFloatingPoint();
  const ScalarType dtype = options.dtype_opt().value_or(integral_args ? kLong : kDefaultFloat);
  AG_CHECK(dtype != kBool, "\"arange_cpu\" not implemented for 'Bool'");
  if (integral_args)
    return arange_integral(start.toLong(), end.toLong(), step.toLong(), dtype);
  return arange_floating(start.toDouble(), end.toDouble(), step.toDouble(), dtype);
}

Tensor empty_like(const Tensor &t, TensorOptions options) {
  return empty_preserving_layout(t, options.dtype_opt().value_or(t.dtype()));
}

Tensor zeros_like(const Tensor &t, TensorOptions options) {
  return filled(empty_like(t, options), 0);
}

Tensor ones_like(const Tensor &t, TensorOptions options) {
  return filled(empty_like(t, options), 1);
}

Tensor full_like(const Tensor &t, const Scalar &fill_value, TensorOptions options) {
  return filled(empty_like(t, options), fill_value);
}

Tensor rand_like(const Tensor &t, TensorOptions options) {
  ScalarType dtype = options.dtype_opt().value_or(t.dtype());
  check_floating(dtype, "check_uniform_bounds");
  return random_fill(empty_preserving_layout(t, dtype), UniformFill{});
}

Tensor randn_like(const Tensor &t, TensorOptions options) {
  ScalarType dtype = options.dtype_opt().value_or(t.dtype());
  check_floating(dtype, "normal_kernel_cpu");
  return random_fill(empty_preserving_layout(t, dtype), NormalFill{});
}

} // namespace ag
