// ag::NdArray: NumPy's semantics over the runtime's tensors. Every NdArray
// holds a Tensor handle; views share its storage and version counter, and
// all writes go through detail::copy_into / fill_into / binary_, which bump
// the version.
#include "internal.h"
#include "alias/tracker.h"

#include <algorithm>
#include <string>

namespace ag {
namespace {

using detail::BinaryOp;

// NumPy's shape notation in messages: (3,), (2,3), () and, for an unknown
// dim, (4,newaxis).
std::string np_shape(IntArrayRef shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += ',';
    s += shape[i] < 0 ? std::string("newaxis") : std::to_string(shape[i]);
  }
  return s + (shape.size() == 1 ? ",)" : ")");
}

const char *ufunc_name(BinaryOp op) {
  switch (op) {
  case BinaryOp::Add: return "add";
  case BinaryOp::Sub: return "subtract";
  case BinaryOp::Mul: return "multiply";
  case BinaryOp::Div: return "divide";
  }
  return "?";
}

// np.result_type of two arrays for ag's dtypes: bool yields to anything,
// integers widen, and mixing integers with floats needs float64 (int32 +
// float32 -> float64, unlike PyTorch).
ScalarType np_promote(ScalarType a, ScalarType b) {
  if (a == b)
    return a;
  if (a == kBool)
    return b;
  if (b == kBool)
    return a;
  if (isFloatingType(a) != isFloatingType(b))
    return kDouble;
  return promoteTypes(a, b);
}

// NEP 50: a Python scalar is "weak": it adopts the array's dtype unless its
// kind is higher (an int with a bool array -> int64, a float with an
// integer array -> float64).
ScalarType np_promote(ScalarType array, const Scalar &s) {
  if (s.isFloatingPoint())
    return isFloatingType(array) ? array : kDouble;
  if (s.isBoolean())
    return array;
  if (array == kBool)
    return kLong;
  if (array == kInt) {
    int64_t v = s.toLong();
    AG_CHECK(v >= INT32_MIN && v <= INT32_MAX, "Python integer ", v, " out of bounds for int32");
  }
  return array;
}

// The dtype op computes in: true division of integers (or bools) gives
// float64; NumPy has no boolean subtraction.
ScalarType op_dtype(BinaryOp op, ScalarType promoted) {
  if (op == BinaryOp::Div && !isFloatingType(promoted))
    return kDouble;
  AG_CHECK(!(op == BinaryOp::Sub && promoted == kBool),
           "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the "
           "`^` operator, or the logical_xor function instead.");
  return promoted;
}

// The broadcast shape of a and b, with NumPy's message when there is none.
detail::DimVector np_broadcast(IntArrayRef a, IntArrayRef b) {
  try {
    return detail::broadcast_shapes(a, b);
  } catch (const Error &) {
    detail::fail("operands could not be broadcast together with shapes ", np_shape(a), " ",
                 np_shape(b), " ");
  }
}

// NumPy reads an input that overlaps the output as if it had been copied
// first; the runtime's kernels refuse partial overlap instead.
Tensor unaliased_input(const NdArray &out, const NdArray &in) {
  const Tensor &o = out.tensor_view(), &i = in.tensor_view();
  bool same_layout = o.data_ptr() == i.data_ptr() && o.sizes() == i.sizes() &&
                     o.strides() == i.strides() && o.dtype() == i.dtype();
  if (!same_layout && np::shares_memory(out, in))
    return i.clone();
  return i;
}

using detail::alias::Scope;
using detail::alias::Site;
using Loc = detail::CallSite;

// The operator's name, for the checked runtime's reports.
const char *operator_name(BinaryOp op, bool inplace) {
  switch (op) {
  case BinaryOp::Add: return inplace ? "operator+=" : "operator+";
  case BinaryOp::Sub: return inplace ? "operator-=" : "operator-";
  case BinaryOp::Mul: return inplace ? "operator*=" : "operator*";
  case BinaryOp::Div: return inplace ? "operator/=" : "operator/";
  }
  return "operator";
}

NdArray binary_op(BinaryOp op, const NdArray &a, const NdArray &b, const Site &site) {
  Scope scope(operator_name(op, false), site);
  scope.read(a.tensor_view());
  scope.read(b.tensor_view());
  ScalarType dtype = op_dtype(op, np_promote(a.dtype(), b.dtype()));
  np_broadcast(a.shape(), b.shape());
  return NdArray(detail::binary(op, a.tensor_view(), b.tensor_view(), dtype));
}

NdArray binary_op(BinaryOp op, const NdArray &a, const Scalar &b, const Site &site) {
  Scope scope(operator_name(op, false), site);
  scope.read(a.tensor_view());
  ScalarType dtype = op_dtype(op, np_promote(a.dtype(), b));
  return NdArray(detail::binary(op, a.tensor_view(), b, dtype));
}

// NumPy's same_kind casting of an in-place result back to the array's dtype.
void check_same_kind(BinaryOp op, ScalarType result, ScalarType array) {
  AG_CHECK(canCast(result, array), "Cannot cast ufunc '", ufunc_name(op), "' output from dtype('",
           dtypeName(result), "') to dtype('", dtypeName(array), "') with casting rule 'same_kind'");
}

void inplace_op(BinaryOp op, const NdArray &self, const NdArray &other, const Site &site) {
  Scope scope(operator_name(op, true), site);
  scope.read(other.tensor_view());
  ScalarType dtype = op_dtype(op, np_promote(self.dtype(), other.dtype()));
  check_same_kind(op, dtype, self.dtype());
  detail::DimVector shape = np_broadcast(self.shape(), other.shape());
  AG_CHECK(shape.ref() == self.shape(), "non-broadcastable output operand with shape ",
           np_shape(self.shape()), " doesn't match the broadcast shape ", np_shape(shape));
  detail::binary_(op, self.tensor_view(), unaliased_input(self, other), dtype);
  scope.write(self.tensor_view());
}

void inplace_op(BinaryOp op, const NdArray &self, const Scalar &other, const Site &site) {
  Scope scope(operator_name(op, true), site);
  ScalarType dtype = op_dtype(op, np_promote(self.dtype(), other));
  check_same_kind(op, dtype, self.dtype());
  detail::binary_(op, self.tensor_view(), other, dtype);
  scope.write(self.tensor_view());
}

// The byte range [lo, hi) spanned by a non-empty t's elements (ag's strides
// are never negative, so the first element is the lowest).
struct ByteRange {
  const char *lo, *hi;
};
ByteRange byte_range(const Tensor &t) {
  const char *base = static_cast<const char *>(t.data_ptr());
  int64_t last = 0; // element offset of the highest element
  for (int64_t d = 0; d < t.dim(); ++d)
    last += (t.size(d) - 1) * t.stride(d);
  return {base, base + (last + 1) * int64_t(t.element_size())};
}

// The byte offsets of t's elements from origin, for the exact test.
std::vector<int64_t> element_offsets(const Tensor &t, const char *origin) {
  const int64_t item = int64_t(t.element_size());
  std::vector<int64_t> out{static_cast<const char *>(t.data_ptr()) - origin};
  for (int64_t d = 0; d < t.dim(); ++d) {
    std::vector<int64_t> next;
    next.reserve(out.size() * size_t(t.size(d)));
    for (int64_t base : out)
      for (int64_t i = 0; i < t.size(d); ++i)
        next.push_back(base + i * t.stride(d) * item);
    out = std::move(next);
  }
  return out;
}

// Below this many elements in total shares_memory compares element by
// element; above it, strided arrays are compared by their byte ranges.
constexpr int64_t kExactOverlapLimit = int64_t(1) << 22;

} // namespace

// ---------------------------------------------------------------------------
// NdArray
// ---------------------------------------------------------------------------

NdArray::NdArray() : data_(detail::empty_tensor({0}, kDouble)) {}

std::vector<int64_t> NdArray::strides() const {
  std::vector<int64_t> out(data_.strides().begin(), data_.strides().end());
  for (int64_t &s : out)
    s *= itemsize();
  return out;
}

NdArray NdArray::operator[](int64_t index) const {
  Scope scope("operator[]", AG_RETURN_SITE);
  AG_CHECK(ndim() > 0, "too many indices for array: array is 0-dimensional, but 1 were indexed");
  const int64_t n = shape()[0];
  AG_CHECK(index >= -n && index < n, "index ", index, " is out of bounds for axis 0 with size ", n);
  NdArray out(data_.select(0, index));
  scope.result(data_, out.tensor_view());
  return out;
}

NdArray NdArray::reshape(IntArrayRef shape, Loc caller) const {
  Scope scope("reshape", caller);
  // NumPy takes any negative size as the one unknown dim.
  std::vector<int64_t> sizes(shape.begin(), shape.end());
  int unknown = 0;
  int64_t known = 1;
  bool overflow = false;
  for (int64_t &s : sizes) {
    if (s < 0) {
      s = -1;
      ++unknown;
    } else {
      overflow |= __builtin_mul_overflow(known, s, &known);
    }
  }
  AG_CHECK(unknown <= 1, "can only specify one unknown dimension");
  bool fits = !overflow && (unknown ? known != 0 && size() % known == 0 : known == size());
  AG_CHECK(fits, "cannot reshape array of size ", size(), " into shape ", np_shape(sizes));
  NdArray out(data_.reshape(sizes));
  scope.result(data_, out.tensor_view());
  return out;
}

// NumPy's copy() is C-ordered (order='C'), unlike PyTorch's clone().
NdArray NdArray::copy(Loc caller) const {
  Scope scope("copy", caller);
  scope.read(data_);
  return NdArray(detail::contiguous_copy(data_, dtype()));
}

NdArray NdArray::astype(ScalarType dtype, Loc caller) const {
  return NdArray(data_.to(dtype, false, true, caller));
}

NdArray &NdArray::operator=(const NdArray &other) & {
  detail::alias::rebind(data_, other.data_, __builtin_return_address(0));
  return *this;
}

NdArray &NdArray::operator=(const Scalar &value) && {
  Scope scope("operator=", AG_RETURN_SITE);
  fill(value);
  scope.write(data_);
  return *this;
}

NdArray &NdArray::operator=(const NdArray &value) && {
  Scope scope("operator=", AG_RETURN_SITE);
  scope.read(value.data_);
  bool fits = false;
  try {
    fits = detail::broadcast_shapes(shape(), value.shape()).ref() == shape();
  } catch (const Error &) {
  }
  AG_CHECK(fits, "could not broadcast input array from shape ", np_shape(value.shape()),
           " into shape ", np_shape(shape()));
  detail::copy_into(data_, unaliased_input(*this, value));
  scope.write(data_);
  return *this;
}

void NdArray::fill(const Scalar &value, Loc caller) { data_.fill_(value, caller); }

NdArray &NdArray::operator+=(const NdArray &other) { return inplace_op(BinaryOp::Add, *this, other, AG_RETURN_SITE), *this; }
NdArray &NdArray::operator+=(const Scalar &other) { return inplace_op(BinaryOp::Add, *this, other, AG_RETURN_SITE), *this; }
NdArray &NdArray::operator-=(const NdArray &other) { return inplace_op(BinaryOp::Sub, *this, other, AG_RETURN_SITE), *this; }
NdArray &NdArray::operator-=(const Scalar &other) { return inplace_op(BinaryOp::Sub, *this, other, AG_RETURN_SITE), *this; }
NdArray &NdArray::operator*=(const NdArray &other) { return inplace_op(BinaryOp::Mul, *this, other, AG_RETURN_SITE), *this; }
NdArray &NdArray::operator*=(const Scalar &other) { return inplace_op(BinaryOp::Mul, *this, other, AG_RETURN_SITE), *this; }
NdArray &NdArray::operator/=(const NdArray &other) { return inplace_op(BinaryOp::Div, *this, other, AG_RETURN_SITE), *this; }
NdArray &NdArray::operator/=(const Scalar &other) { return inplace_op(BinaryOp::Div, *this, other, AG_RETURN_SITE), *this; }

NdArray operator+(const NdArray &a, const NdArray &b) { return binary_op(BinaryOp::Add, a, b, AG_RETURN_SITE); }
NdArray operator+(const NdArray &a, const Scalar &b) { return binary_op(BinaryOp::Add, a, b, AG_RETURN_SITE); }
NdArray operator-(const NdArray &a, const NdArray &b) { return binary_op(BinaryOp::Sub, a, b, AG_RETURN_SITE); }
NdArray operator-(const NdArray &a, const Scalar &b) { return binary_op(BinaryOp::Sub, a, b, AG_RETURN_SITE); }
NdArray operator*(const NdArray &a, const NdArray &b) { return binary_op(BinaryOp::Mul, a, b, AG_RETURN_SITE); }
NdArray operator*(const NdArray &a, const Scalar &b) { return binary_op(BinaryOp::Mul, a, b, AG_RETURN_SITE); }
NdArray operator/(const NdArray &a, const NdArray &b) { return binary_op(BinaryOp::Div, a, b, AG_RETURN_SITE); }
NdArray operator/(const NdArray &a, const Scalar &b) { return binary_op(BinaryOp::Div, a, b, AG_RETURN_SITE); }

// ---------------------------------------------------------------------------
// Interop: numpy() and from_numpy() share; tensor(arr) copies.
// ---------------------------------------------------------------------------

NdArray Tensor::numpy(Loc caller) const {
  return NdArray(detail::alias::view_call("numpy", caller, *this, [&] {
    return detail::make_view(*this, sizes(), strides(), storage_offset());
  }));
}

Tensor from_numpy(const NdArray &arr, Loc caller) {
  const Tensor &t = arr.tensor_view();
  return detail::alias::view_call("from_numpy", caller, t, [&] {
    return detail::make_view(t, t.sizes(), t.strides(), t.storage_offset());
  });
}

Tensor tensor(const NdArray &arr, Loc caller) {
  Scope scope("tensor", caller);
  scope.read(arr.tensor_view());
  return detail::contiguous_copy(arr.tensor_view(), arr.dtype());
}

namespace np {

NdArray array(const TensorData &data, std::optional<ScalarType> dtype) {
  Tensor t = ag::tensor(data, dtype ? TensorOptions(*dtype) : TensorOptions());
  // ag::tensor infers floats as float32, NumPy as float64: read the values
  // again at full precision rather than widening rounded floats.
  if (!dtype && t.dtype() == kDefaultFloat)
    t = ag::tensor(data, kDouble);
  return NdArray(std::move(t));
}

NdArray empty(IntArrayRef shape, ScalarType dtype) { return NdArray(ag::empty(shape, dtype)); }
NdArray zeros(IntArrayRef shape, ScalarType dtype) { return NdArray(ag::zeros(shape, dtype)); }
NdArray ones(IntArrayRef shape, ScalarType dtype) { return NdArray(ag::ones(shape, dtype)); }

NdArray full(IntArrayRef shape, const Scalar &value, std::optional<ScalarType> dtype) {
  return NdArray(ag::full(shape, value, dtype.value_or(value.type())));
}

NdArray arange(const Scalar &stop, std::optional<ScalarType> dtype) {
  return arange(0, stop, 1, dtype);
}

NdArray arange(const Scalar &start, const Scalar &stop, const Scalar &step,
               std::optional<ScalarType> dtype) {
  const bool integral = !start.isFloatingPoint() && !stop.isFloatingPoint() && !step.isFloatingPoint();
  const ScalarType type = dtype.value_or(integral ? kLong : kDouble);
  AG_CHECK(step.toDouble() != 0, "division by zero");
  // NumPy gives an empty array where PyTorch rejects the step's sign.
  const double first = start.toDouble(), last = stop.toDouble(), inc = step.toDouble();
  if ((inc > 0 && last <= first) || (inc < 0 && last >= first))
    return NdArray(ag::empty({0}, type));
  return NdArray(ag::arange(start, stop, step, type));
}

bool shares_memory(const NdArray &a, const NdArray &b) {
  const Tensor &x = a.tensor_view(), &y = b.tensor_view();
  if (x.numel() == 0 || y.numel() == 0 || !x.is_alias_of(y))
    return false;
  ByteRange rx = byte_range(x), ry = byte_range(y);
  if (!(rx.lo < ry.hi && ry.lo < rx.hi))
    return false;
  // Contiguous arrays cover their whole byte range, so overlapping ranges
  // mean shared bytes.
  if (x.is_contiguous() && y.is_contiguous())
    return true;
  // Strided arrays can interleave without sharing (a[::2], a[1::2]): compare
  // the elements' byte intervals exactly while that stays cheap, else
  // answer from the ranges (may say true for interleaved arrays, never false
  // for overlapping ones).
  if (x.numel() + y.numel() > kExactOverlapLimit)
    return true;
  const char *origin = std::min(rx.lo, ry.lo);
  std::vector<int64_t> ox = element_offsets(x, origin), oy = element_offsets(y, origin);
  std::sort(ox.begin(), ox.end());
  std::sort(oy.begin(), oy.end());
  const int64_t wx = int64_t(x.element_size()), wy = int64_t(y.element_size());
  // Two sorted lists of intervals [o, o + w): advance the one that ends first.
  for (size_t i = 0, j = 0; i < ox.size() && j < oy.size();) {
    if (ox[i] < oy[j] + wy && oy[j] < ox[i] + wx)
      return true;
    if (ox[i] + wx <= oy[j] + wy)
      ++i;
    else
      ++j;
  }
  return false;
}

} // namespace np
} // namespace ag
