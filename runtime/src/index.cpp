// Basic indexing: select, narrow, slice, index({...}) and index_put_. Every
// read is a view of the indexed tensor; index_put_ writes through one.
#include "internal.h"
#include "alias/tracker.h"

#include <limits>

namespace ag {

using Loc = detail::CallSite;
namespace {

using indexing::TensorIndex;

// PyTorch's applySlicing (integers, slices, None, Ellipsis), with the
// messages of its indexing path. As there, an out-of-range integer is
// reported at its position in the index list.
Tensor apply_indices(const Tensor &self, const TensorIndex *indices, size_t count) {
  int64_t specified = 0;
  int ellipses = 0;
  for (size_t i = 0; i < count; ++i) {
    specified += indices[i].is_integer() || indices[i].is_slice();
    ellipses += indices[i].is_ellipsis();
  }
  AG_CHECK(ellipses <= 1, "an index can only have a single ellipsis ('...')");
  const int64_t ndim = self.dim();
  AG_CHECK(specified <= ndim, "too many indices for tensor of dimension ", ndim);

  Tensor result = detail::make_view(self, self.sizes(), self.strides(), self.storage_offset());
  int64_t dim = 0; // the dim of result the next index applies to
  for (size_t i = 0; i < count; ++i) {
    const TensorIndex &index = indices[i];
    switch (index.kind()) {
    case TensorIndex::Kind::Integer: {
      int64_t size = result.size(dim);
      int64_t value = index.integer();
      AG_CHECK(value >= -size && value < size, "index ", value, " is out of bounds for dimension ",
               i, " with size ", size);
      result = result.select(dim, value);
      break;
    }
    case TensorIndex::Kind::Slice: {
      const indexing::Slice &s = index.slice();
      int64_t step = s.step().value_or(1);
      AG_CHECK(step > 0, "step must be greater than zero");
      result = result.slice(dim, s.start(), s.stop(), step);
      ++dim;
      break;
    }
    case TensorIndex::Kind::None:
      result = result.unsqueeze(dim);
      ++dim;
      break;
    case TensorIndex::Kind::Ellipsis:
      dim += ndim - specified;
      break;
    }
  }
  return result;
}

// PyTorch's copy_to for `t[...] = value`: a same-shaped value is copied, a
// zero-dim one fills, any other broadcasts after dropping its leading 1s
// (so a [1, 3] value can be written into a [3] slot).
void write_value(const Tensor &dst, const Tensor &value) {
  if (dst.sizes() == value.sizes()) {
    dst.copy_(value);
    return;
  }
  if (value.dim() == 0) {
    dst.fill_(value);
    return;
  }
  size_t lead = 0;
  while (lead < size_t(value.dim()) && value.sizes()[lead] == 1)
    ++lead;
  IntArrayRef sizes = value.sizes(), strides = value.strides();
  Tensor trimmed = detail::make_view(value, IntArrayRef(sizes.data() + lead, sizes.size() - lead),
                                     IntArrayRef(strides.data() + lead, strides.size() - lead),
                                     value.storage_offset());
  dst.copy_(trimmed);
}

// The storage offset of a sub-view starting `steps` elements into `dim`.
// An empty tensor may have sizes (and so strides) far beyond any storage,
// and an empty view never reads its offset: it keeps its base's rather than
// risk overflowing.
int64_t sub_view_offset(const Tensor &base, int64_t dim, int64_t steps) {
  if (base.numel() == 0 || steps == 0)
    return base.storage_offset();
  return base.storage_offset() + steps * base.stride(dim);
}

} // namespace

Tensor Tensor::select(int64_t dim, int64_t index, Loc caller) const {
  return detail::alias::view_call("select", caller, *this, [&]() -> Tensor {
    const int64_t ndim = this->dim();
    AG_CHECK(ndim != 0, "select() cannot be applied to a 0-dim tensor.");
    dim = detail::wrap_dim(dim, ndim);
    const int64_t size = impl().sizes[dim];
    AG_CHECK(index >= -size && index < size, "select(): index ", index,
             " out of range for tensor of size ", sizes(), " at dimension ", dim);
    if (index < 0)
      index += size;
    detail::DimVector sizes(this->sizes()), strides(this->strides());
    int64_t offset = sub_view_offset(*this, dim, index);
    sizes.erase(size_t(dim));
    strides.erase(size_t(dim));
    return detail::make_view(*this, sizes, strides, offset);
  });
}

Tensor Tensor::narrow(int64_t dim, int64_t start, int64_t length, Loc caller) const {
  return detail::alias::view_call("narrow", caller, *this, [&]() -> Tensor {
    AG_CHECK(this->dim() > 0, "narrow() cannot be applied to a 0-dim tensor.");
    AG_CHECK(length >= 0, "narrow(): length must be non-negative.");
    const int64_t cur_size = size(dim);
    // start == size is a valid (empty) start although not a valid index.
    if (start != cur_size)
      start = detail::wrap_dim(start, cur_size);
    AG_CHECK(start <= cur_size - length, "start (", start, ") + length (", length,
             ") exceeds dimension size (", cur_size, ").");
    return slice(dim, start, start + length, 1);
  });
}

Tensor Tensor::slice(int64_t dim, std::optional<int64_t> start, std::optional<int64_t> end,
                     int64_t step, Loc caller) const {
  return detail::alias::view_call("slice", caller, *this, [&]() -> Tensor {
    const int64_t ndim = this->dim();
    AG_CHECK(ndim != 0, "slice() cannot be applied to a 0-dim tensor.");
    dim = detail::wrap_dim(dim, ndim);
    AG_CHECK(step > 0, "slice step must be positive");
    detail::DimVector sizes(this->sizes()), strides(this->strides());
    const int64_t size = sizes[dim];
    // Python's clamping: negative bounds count from the end, then both are
    // clipped to [0, size] with end >= start.
    int64_t first = start.value_or(0);
    int64_t last = end.value_or(std::numeric_limits<int64_t>::max());
    if (first < 0)
      first += size;
    if (last < 0)
      last += size;
    first = std::clamp<int64_t>(first, 0, size);
    last = std::clamp<int64_t>(last, first, size);
    const int64_t len = last - first;
    int64_t offset = sub_view_offset(*this, dim, len == 0 ? 0 : first);
    sizes[dim] = len == 0 ? 0 : (len - 1) / step + 1; // ceil without overflow
    // With at most one element left the stride is never used: keeping it
    // (rather than stride * step) means a huge step cannot leave a huge stride
    // for later offset arithmetic to overflow on.
    if (sizes[dim] > 1)
      strides[dim] *= step; // (new size - 1) * step < len: within the extent
    return detail::make_view(*this, sizes, strides, offset);
  });
}

Tensor Tensor::index(std::initializer_list<TensorIndex> indices, Loc caller) const {
  return detail::alias::view_call("index", caller, *this, [&]() -> Tensor {
    return apply_indices(*this, indices.begin(), indices.size());
  });
}

Tensor Tensor::index(const std::vector<TensorIndex> &indices, Loc caller) const {
  return detail::alias::view_call("index", caller, *this, [&]() -> Tensor {
    return apply_indices(*this, indices.data(), indices.size());
  });
}

namespace {

Tensor &index_put(const Tensor &self, const TensorIndex *indices, size_t count, const Tensor &value,
                  Loc caller) {
  detail::alias::Scope scope("index_put_", caller);
  detail::check_defined(value, "index_put_");
  scope.read(value);
  write_value(apply_indices(self, indices, count), value);
  scope.write(self);
  return const_cast<Tensor &>(self);
}

Tensor &index_put(const Tensor &self, const TensorIndex *indices, size_t count, const Scalar &value,
                  Loc caller) {
  detail::alias::Scope scope("index_put_", caller);
  apply_indices(self, indices, count).fill_(value);
  scope.write(self);
  return const_cast<Tensor &>(self);
}

} // namespace

Tensor &Tensor::index_put_(std::initializer_list<TensorIndex> indices, const Tensor &value,
                           Loc caller) const {
  return index_put(*this, indices.begin(), indices.size(), value, caller);
}
Tensor &Tensor::index_put_(std::initializer_list<TensorIndex> indices, const Scalar &value,
                           Loc caller) const {
  return index_put(*this, indices.begin(), indices.size(), value, caller);
}
Tensor &Tensor::index_put_(const std::vector<TensorIndex> &indices, const Tensor &value,
                           Loc caller) const {
  return index_put(*this, indices.data(), indices.size(), value, caller);
}
Tensor &Tensor::index_put_(const std::vector<TensorIndex> &indices, const Scalar &value,
                           Loc caller) const {
  return index_put(*this, indices.data(), indices.size(), value, caller);
}

// t[i]: a view at the operator's call site.
Tensor Tensor::operator[](int64_t index) const {
  return detail::alias::view_call("operator[]", AG_RETURN_SITE, *this,
                                  [&] { return select(0, index); });
}

} // namespace ag
