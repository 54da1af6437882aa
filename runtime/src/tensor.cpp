// Core of the runtime: storage, layout helpers, metadata, item, and the
// copies and conversions built on copy_into.
#include "internal.h"
#include "loops.h"
#include "alias/tracker.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <new>

namespace ag {
namespace detail {

StorageImpl::StorageImpl(size_t nbytes) : nbytes_(nbytes) {
  // Round up so the aligned allocation is valid for every size, including 0.
  size_t alloc = (nbytes + 63) / 64 * 64;
  if (alloc == 0)
    alloc = 64;
  data_ = std::aligned_alloc(64, alloc);
  AG_CHECK(data_ != nullptr, "DefaultCPUAllocator: not enough memory: you tried to allocate ",
           nbytes, " bytes.");
}

void destroy_storage_track(StorageTrack *track);

StorageImpl::~StorageImpl() {
  if (StorageTrack *track = alias_track_.load(std::memory_order_acquire))
    destroy_storage_track(track);
  std::free(data_);
}

void TensorImpl::refresh() {
  // Sizes were validated by checked_numel, whose product of max(size, 1)
  // bounds every partial product here.
  int64_t n = 1;
  for (int64_t s : sizes)
    n *= s;
  numel = n;
  // PyTorch's rule: dims of size 1 may have any stride.
  bool c = true;
  int64_t expected = 1;
  for (size_t i = sizes.size(); i-- > 0;) {
    if (sizes[i] == 1)
      continue;
    if (strides[i] != expected) {
      c = false;
      break;
    }
    expected *= sizes[i];
  }
  contiguous = c || n == 0;
}

int64_t wrap_dim(int64_t dim, int64_t ndim) {
  int64_t n = ndim == 0 ? 1 : ndim;
  AG_CHECK(dim >= -n && dim < n, "Dimension out of range (expected to be in range of [", -n,
           ", ", n - 1, "], but got ", dim, ")");
  return dim < 0 ? dim + n : dim;
}

DimVector contiguous_strides(IntArrayRef sizes) {
  DimVector strides(sizes.size());
  int64_t s = 1;
  for (size_t i = sizes.size(); i-- > 0;) {
    strides[i] = s;
    s *= std::max<int64_t>(sizes[i], 1);
  }
  return strides;
}

int64_t checked_numel(IntArrayRef sizes, ScalarType dtype) {
  for (int64_t s : sizes)
    AG_CHECK(s >= 0, "Trying to create tensor with negative dimension ", s, ": ", sizes);
  // The product of max(size, 1) bounds every partial product and every
  // contiguous stride, so a 0 early in the sizes cannot hide an overflow.
  int64_t n = 1;
  for (int64_t s : sizes)
    AG_CHECK(!__builtin_mul_overflow(n, std::max<int64_t>(s, 1), &n),
             "numel: integer multiplication overflow for sizes ", sizes);
  for (int64_t s : sizes)
    if (s == 0)
      return 0;
  int64_t bytes;
  AG_CHECK(!__builtin_mul_overflow(n, int64_t(elementSize(dtype)), &bytes),
           "storage size calculation overflowed with sizes=", sizes);
  return n;
}

Tensor empty_tensor(IntArrayRef sizes, ScalarType dtype) {
  int64_t n = checked_numel(sizes, dtype);
  auto impl = std::make_shared<TensorImpl>();
  impl->storage = std::make_shared<StorageImpl>(size_t(n) * elementSize(dtype));
  impl->sizes = DimVector(sizes);
  impl->strides = contiguous_strides(sizes);
  impl->dtype = dtype;
  impl->numel = n;
  impl->contiguous = true;
  return Tensor(std::move(impl));
}

Tensor make_view(const Tensor &base, IntArrayRef sizes, IntArrayRef strides, int64_t offset) {
  const TensorImpl &b = base.impl();
  auto impl = std::make_shared<TensorImpl>();
  impl->storage = b.storage;
  impl->sizes = DimVector(sizes);
  impl->strides = DimVector(strides);
  impl->offset = offset;
  impl->dtype = b.dtype;
  impl->refresh();
  return Tensor(std::move(impl));
}

Tensor contiguous_copy(const Tensor &t, ScalarType dtype) {
  Tensor out = empty_tensor(t.sizes(), dtype);
  copy_loop(out, t);
  return out;
}

void check_defined(const Tensor &t, const char *what) {
  AG_CHECK(t.defined(), what, ": expected a defined tensor but got an undefined one");
}

} // namespace detail

void Tensor::undefined_error() {
  detail::fail("cannot use an undefined Tensor (default-constructed or moved-from)");
}

using detail::alias::Scope;
using Loc = detail::CallSite;

Tensor &Tensor::operator=(const Tensor &other) & {
  detail::alias::rebind(*this, other, __builtin_return_address(0));
  return *this;
}

// t[0] = v: a write through the temporary view, at the operator's call site.
Tensor &Tensor::operator=(const Scalar &value) && {
  Scope scope("operator=", AG_RETURN_SITE);
  fill_(value);
  scope.write(*this);
  return *this;
}
Tensor &Tensor::operator=(const Tensor &value) && {
  Scope scope("operator=", AG_RETURN_SITE);
  scope.read(value);
  copy_(value);
  scope.write(*this);
  return *this;
}
Tensor &Tensor::operator=(Tensor &&value) && {
  Scope scope("operator=", AG_RETURN_SITE);
  scope.read(value);
  copy_(value);
  scope.write(*this);
  return *this;
}

int64_t Tensor::size(int64_t d) const {
  return impl().sizes[size_t(detail::wrap_dim(d, dim()))];
}

int64_t Tensor::stride(int64_t d) const {
  return impl().strides[size_t(detail::wrap_dim(d, dim()))];
}

bool Tensor::is_alias_of(const Tensor &other) const {
  return impl().storage == other.impl().storage;
}

Scalar Tensor::item(Loc caller) const {
  Scope scope("item", caller);
  scope.read(*this);
  const detail::TensorImpl &i = impl();
  AG_CHECK(i.numel == 1, "a Tensor with ", i.numel, " elements cannot be converted to Scalar");
  Scalar out;
  detail::dispatch(i.dtype, [&](auto tag) {
    using T = decltype(tag);
    out = Scalar(*reinterpret_cast<const T *>(i.data()));
  });
  return out;
}

Tensor Tensor::clone(Loc caller) const {
  Scope scope("clone", caller);
  scope.read(*this);
  // A new tensor: its version starts at 0, as PyTorch's (no copy_ counted).
  // C-contiguous, where PyTorch keeps a permuted input's dim order
  // (docs/runtime.md, differences).
  return detail::contiguous_copy(*this, dtype());
}

Tensor Tensor::to(ScalarType dtype, bool non_blocking, bool copy, Loc caller) const {
  Scope scope("to", caller);
  if (dtype == this->dtype() && !copy) {
    Tensor same = *this;
    scope.result(*this, same);
    return same;
  }
  scope.read(*this);
  return detail::contiguous_copy(*this, dtype);
}

Tensor Tensor::contiguous(Loc caller) const {
  Scope scope("contiguous", caller);
  if (is_contiguous()) {
    Tensor same = *this;
    scope.result(*this, same);
    return same;
  }
  scope.read(*this);
  Tensor copy = detail::contiguous_copy(*this, dtype());
  scope.result(*this, copy); // a copy where a view was not possible
  return copy;
}

Tensor &Tensor::fill_(const Scalar &value, Loc caller) const {
  Scope scope("fill_", caller);
  detail::check_no_internal_overlap(*this);
  detail::fill_into(*this, value);
  scope.write(*this);
  return self();
}

Tensor &Tensor::zero_(Loc caller) const {
  Scope scope("zero_", caller);
  detail::check_no_internal_overlap(*this);
  detail::fill_into(*this, 0);
  scope.write(*this);
  return self();
}

Tensor &Tensor::fill_(const Tensor &value, Loc caller) const {
  Scope scope("fill_", caller);
  scope.read(value);
  AG_CHECK(value.dim() == 0 || value.numel() == 1,
           "fill_ only supports 0-dimension value tensor but got tensor with ", value.dim(),
           " dimensions.");
  fill_(value.item());
  scope.write(*this);
  return self();
}

Tensor &Tensor::copy_(const Tensor &src, bool non_blocking, Loc caller) const {
  Scope scope("copy_", caller);
  detail::check_defined(src, "copy_");
  scope.read(src);
  detail::copy_into(*this, src);
  scope.write(*this);
  return self();
}

} // namespace ag
