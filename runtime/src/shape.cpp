// View operations: every result here shares its base's storage (and so its
// version counter) through detail::make_view; only reshape() may copy.
#include "internal.h"
#include "alias/tracker.h"

#include <algorithm>
#include <optional>

namespace ag {

using Loc = detail::CallSite;
namespace {

// PyTorch's infer_size: resolves a single -1 from the element count and
// validates the rest of the shape against it.
detail::DimVector infer_size(IntArrayRef shape, int64_t numel, ScalarType dtype) {
  detail::DimVector result(shape);
  std::optional<size_t> infer_dim;
  int64_t known = 1;
  bool overflowed = false;
  bool has_zero = false;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == -1) {
      AG_CHECK(!infer_dim, "only one dimension can be inferred");
      infer_dim = d;
    } else if (shape[d] >= 0) {
      has_zero |= shape[d] == 0;
      // An overflowing product can only be valid when a later 0 zeroes it.
      overflowed |= __builtin_mul_overflow(known, shape[d], &known);
    } else {
      detail::fail("invalid shape dimension ", shape[d]);
    }
  }
  if (overflowed)
    known = has_zero ? 0 : -1;
  bool fits = numel == known || (infer_dim && known > 0 && numel % known == 0);
  AG_CHECK(fits, "shape '", shape, "' is invalid for input of size ", numel);
  if (infer_dim) {
    AG_CHECK(known != 0, "cannot reshape tensor of 0 elements into shape ", shape,
             " because the unspecified dimension size -1 can be any value and is ambiguous");
    result[*infer_dim] = numel / known;
  }
  detail::checked_numel(result, dtype);
  return result;
}

// PyTorch's computeStride: the strides that let a tensor of old_sizes /
// old_strides be viewed with new_sizes, or nothing when some new dimension
// would have to span two non-adjacent memory chunks.
std::optional<detail::DimVector> compute_stride(IntArrayRef old_sizes, IntArrayRef old_strides,
                                                IntArrayRef new_sizes) {
  const int64_t new_ndim = int64_t(new_sizes.size());
  detail::DimVector new_strides(new_sizes.size(), 1);
  if (old_sizes.empty())
    return new_strides;
  int64_t numel = 1;
  for (int64_t s : old_sizes)
    numel *= s;
  if (numel == 0) {
    if (old_sizes == new_sizes)
      return detail::DimVector(old_strides);
    return detail::contiguous_strides(new_sizes);
  }
  // Walk both shapes from the innermost dim, matching runs of old dims that
  // are contiguous with each other ("chunks") to runs of new dims.
  int64_t view_d = new_ndim - 1;
  int64_t chunk_base_stride = old_strides.back();
  int64_t tensor_numel = 1;
  int64_t view_numel = 1;
  for (int64_t tensor_d = int64_t(old_sizes.size()) - 1; tensor_d >= 0; --tensor_d) {
    tensor_numel *= old_sizes[tensor_d];
    int64_t contiguous_stride = 0;
    bool chunk_ends =
        tensor_d == 0 ||
        (old_sizes[tensor_d - 1] != 1 &&
         (__builtin_mul_overflow(tensor_numel, chunk_base_stride, &contiguous_stride) ||
          old_strides[tensor_d - 1] != contiguous_stride));
    if (!chunk_ends)
      continue;
    while (view_d >= 0 && (view_numel < tensor_numel || new_sizes[view_d] == 1)) {
      new_strides[view_d] = view_numel * chunk_base_stride;
      view_numel *= new_sizes[view_d];
      --view_d;
    }
    if (view_numel != tensor_numel)
      return std::nullopt;
    if (tensor_d > 0) {
      chunk_base_stride = old_strides[tensor_d - 1];
      tensor_numel = 1;
      view_numel = 1;
    }
  }
  if (view_d != -1)
    return std::nullopt;
  return new_strides;
}

// The stride of a new size-1 dim placed outside a dim of the given size and
// stride. Only an empty tensor (whose sizes need no storage) can overflow
// the product, and a size-1 dim's stride addresses nothing then: 1 will do.
int64_t outer_stride(int64_t size, int64_t stride) {
  int64_t product;
  return __builtin_mul_overflow(size, stride, &product) ? 1 : product;
}

Tensor same_view(const Tensor &t) {
  return detail::make_view(t, t.sizes(), t.strides(), t.storage_offset());
}

// "ag.FloatTensor", as PyTorch names tensor types in expand's message.
const char *legacy_type_name(ScalarType t) {
  switch (t) {
  case kBool: return "ag.BoolTensor";
  case kInt: return "ag.IntTensor";
  case kLong: return "ag.LongTensor";
  case kFloat: return "ag.FloatTensor";
  case kDouble: return "ag.DoubleTensor";
  }
  return "ag.Tensor";
}

} // namespace

Tensor Tensor::view(IntArrayRef size, Loc caller) const {
  return detail::alias::view_call("view", caller, *this, [&]() -> Tensor {
    detail::DimVector sizes = infer_size(size, numel(), dtype());
    std::optional<detail::DimVector> strides = compute_stride(this->sizes(), this->strides(), sizes);
    AG_CHECK(strides.has_value(),
             "view size is not compatible with input tensor's size and stride (at least one "
             "dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
    return detail::make_view(*this, sizes, *strides, storage_offset());
  });
}

Tensor Tensor::reshape(IntArrayRef shape, Loc caller) const {
  return detail::alias::view_call("reshape", caller, *this, [&]() -> Tensor {
    detail::DimVector sizes = infer_size(shape, numel(), dtype());
    if (std::optional<detail::DimVector> strides = compute_stride(this->sizes(), this->strides(), sizes))
      return detail::make_view(*this, sizes, *strides, storage_offset());
    Tensor copy = detail::contiguous_copy(*this, dtype());
    return detail::make_view(copy, sizes, detail::contiguous_strides(sizes), 0);
  });
}

Tensor Tensor::flatten(int64_t start_dim, int64_t end_dim, Loc caller) const {
  return detail::alias::view_call("flatten", caller, *this, [&]() -> Tensor {
    const int64_t ndim = dim();
    start_dim = detail::wrap_dim(start_dim, ndim);
    end_dim = detail::wrap_dim(end_dim, ndim);
    AG_CHECK(start_dim <= end_dim, "flatten() has invalid args: start_dim cannot come after end_dim");
    if (ndim == 0)
      return reshape({1});
    if (start_dim == end_dim)
      return same_view(*this);
    detail::DimVector shape;
    for (int64_t d = 0; d < start_dim; ++d)
      shape.push_back(size(d));
    int64_t flat = 1;
    for (int64_t d = start_dim; d <= end_dim; ++d)
      flat *= size(d);
    shape.push_back(flat);
    for (int64_t d = end_dim + 1; d < ndim; ++d)
      shape.push_back(size(d));
    return reshape(shape);
  });
}

Tensor Tensor::squeeze(Loc caller) const {
  return detail::alias::view_call("squeeze", caller, *this, [&]() -> Tensor {
    detail::DimVector sizes, strides;
    for (int64_t d = 0; d < dim(); ++d) {
      if (impl().sizes[d] != 1) {
        sizes.push_back(impl().sizes[d]);
        strides.push_back(impl().strides[d]);
      }
    }
    return detail::make_view(*this, sizes, strides, storage_offset());
  });
}

Tensor Tensor::squeeze(int64_t d, Loc caller) const {
  return detail::alias::view_call("squeeze", caller, *this, [&]() -> Tensor {
    d = detail::wrap_dim(d, dim());
    detail::DimVector sizes(this->sizes()), strides(this->strides());
    if (dim() > 0 && sizes[d] == 1) {
      sizes.erase(size_t(d));
      strides.erase(size_t(d));
    }
    return detail::make_view(*this, sizes, strides, storage_offset());
  });
}

Tensor Tensor::unsqueeze(int64_t d, Loc caller) const {
  return detail::alias::view_call("unsqueeze", caller, *this, [&]() -> Tensor {
    d = detail::wrap_dim(d, dim() + 1);
    detail::DimVector sizes(this->sizes()), strides(this->strides());
    // The stride makes the new dim contiguous with the one it precedes.
    int64_t stride = d >= dim() ? 1 : outer_stride(sizes[d], strides[d]);
    sizes.insert(size_t(d), 1);
    strides.insert(size_t(d), stride);
    return detail::make_view(*this, sizes, strides, storage_offset());
  });
}

Tensor Tensor::permute(IntArrayRef dims, Loc caller) const {
  return detail::alias::view_call("permute", caller, *this, [&]() -> Tensor {
    const int64_t ndim = dim();
    AG_CHECK(ndim == int64_t(dims.size()),
             "permute(sparse_coo): number of dimensions in the tensor input does not match the "
             "length of the desired ordering of dimensions i.e. input.dim() = ",
             ndim, " is not equal to len(dims) = ", dims.size());
    detail::DimVector sizes(dims.size()), strides(dims.size());
    std::vector<bool> seen(dims.size(), false);
    for (size_t i = 0; i < dims.size(); ++i) {
      int64_t d = detail::wrap_dim(dims[i], ndim);
      AG_CHECK(!seen[size_t(d)], "permute(): duplicate dims are not allowed.");
      seen[size_t(d)] = true;
      sizes[i] = impl().sizes[d];
      strides[i] = impl().strides[d];
    }
    return detail::make_view(*this, sizes, strides, storage_offset());
  });
}

Tensor Tensor::transpose(int64_t dim0, int64_t dim1, Loc caller) const {
  return detail::alias::view_call("transpose", caller, *this, [&]() -> Tensor {
    dim0 = detail::wrap_dim(dim0, dim());
    dim1 = detail::wrap_dim(dim1, dim());
    detail::DimVector sizes(this->sizes()), strides(this->strides());
    if (dim() > 0) {
      std::swap(sizes[dim0], sizes[dim1]);
      std::swap(strides[dim0], strides[dim1]);
    }
    return detail::make_view(*this, sizes, strides, storage_offset());
  });
}

Tensor Tensor::t(Loc caller) const {
  return detail::alias::view_call("t", caller, *this, [&]() -> Tensor {
    AG_CHECK(dim() <= 2, "t() expects a tensor with <= 2 dimensions, but self is ", dim(), "D");
    return transpose(0, dim() < 2 ? 0 : 1);
  });
}

Tensor Tensor::expand(IntArrayRef size, Loc caller) const {
  return detail::alias::view_call("expand", caller, *this, [&]() -> Tensor {
    const int64_t ndim = dim();
    AG_CHECK(int64_t(size.size()) >= ndim, "expand(", legacy_type_name(dtype()), "{", sizes(),
             "}, size=", size, "): the number of sizes provided (", size.size(),
             ") must be greater or equal to the number of dimensions in the tensor (", ndim, ")");
    // PyTorch's inferExpandGeometry, from the innermost dim outwards.
    const int64_t new_ndim = int64_t(size.size());
    detail::DimVector out_sizes(size.size()), out_strides(size.size());
    for (int64_t i = new_ndim - 1; i >= 0; --i) {
      int64_t d = ndim - new_ndim + i; // the matching dim of self, if any
      int64_t cur_size = d >= 0 ? impl().sizes[d] : 1;
      int64_t cur_stride = d >= 0             ? impl().strides[d]
                           : i + 1 < new_ndim ? outer_stride(out_sizes[i + 1], out_strides[i + 1])
                                              : 1;
      int64_t target = size[i];
      if (target == -1) {
        AG_CHECK(d >= 0, "The expanded size of the tensor (-1) isn't allowed in a leading, "
                         "non-existing dimension ", i);
        target = cur_size;
      }
      if (cur_size != target) {
        AG_CHECK(cur_size == 1, "The expanded size of the tensor (", target,
                 ") must match the existing size (", cur_size, ") at non-singleton dimension ", i,
                 ".  Target sizes: ", size, ".  Tensor sizes: ", sizes());
        cur_size = target;
        cur_stride = 0;
      }
      out_sizes[i] = cur_size;
      out_strides[i] = cur_stride;
    }
    detail::checked_numel(out_sizes, dtype());
    return detail::make_view(*this, out_sizes, out_strides, storage_offset());
  });
}

Tensor Tensor::detach(Loc caller) const {
  return detail::alias::view_call("detach", caller, *this, [&] { return same_view(*this); });
}

} // namespace ag
