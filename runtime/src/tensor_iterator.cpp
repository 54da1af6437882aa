// The iteration of the elementwise ops, as ATen's TensorIterator: the N-d
// loop's dim order and coalescing (NdLoop, loops.h), broadcasting, the
// layout and memory-overlap checks on the operands of a write, and the output
// allocated in the loop's order.
#include "elementwise.h"

#include "alias/tracker.h"

#include <algorithm>
#include <utility>

namespace ag::detail {

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

// ===========================================================================
// Memory overlap
// ===========================================================================

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
    if (alias::checking())
      alias::overlapping_operand(out, in);
    break;
  }
  Tensor copy = empty_tensor(in.sizes(), in.dtype());
  copy_loop(copy, in);
  return copy;
}

} // namespace

// The non-contiguous case of check_no_internal_overlap (internal.h).
void check_no_internal_overlap_strided(const Tensor &t) {
  const TensorImpl &i = t.impl();
  if (is_non_overlapping_and_dense(i)) // permuted or transposed, still dense
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

// ===========================================================================
// In-place operands and outputs
// ===========================================================================

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

} // namespace

// The checks every in-place op makes on self and its tensor input, in
// PyTorch's order: overlap, then shape. Returns the input to read.
Tensor inplace_input(const Tensor &self, const Tensor &b) {
  check_defined(b, "in-place operation");
  check_no_internal_overlap(self);
  Tensor in = checked_input(self, b);
  check_inplace_shape(self, b.sizes());
  return in;
}

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

} // namespace ag::detail
