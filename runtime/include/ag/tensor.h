// ag::Tensor: a handle to a strided n-d array in a shared storage, with
// LibTorch's names and semantics:
//  - copying a Tensor shares its storage (Tensor b = a; b[0] = 1 changes a);
//    clone() deep-copies; moving transfers the handle.
//  - views (view, reshape when possible, slice, select, narrow, operator[],
//    index, squeeze, unsqueeze, permute, transpose, t, expand, detach,
//    contiguous and to() when they return self, numpy()) share storage and
//    the storage's version counter.
//  - in-place methods end in '_' (and +=, -=, *=, /=, t[i] = v) and write
//    through to every alias. As in ATen they are const member functions: the
//    handle is not changed, the data is.
#pragma once

#include "ag/array_ref.h"
#include "ag/detail/alias_hooks.h"
#include "ag/detail/tensor_impl.h"
#include "ag/dtype.h"
#include "ag/error.h"
#include "ag/indexing.h"
#include "ag/options.h"
#include "ag/scalar.h"

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <ostream>
#include <tuple>
#include <utility>
#include <vector>

namespace ag {

class NdArray;

class Tensor {
public:
  // An undefined tensor: defined() is false; any other use throws.
  Tensor() = default;
  explicit Tensor(std::shared_ptr<detail::TensorImpl> impl) : impl_(std::move(impl)) {}

  // A copy shares the storage; the checked runtime records where it was made.
  Tensor(const Tensor &other, AG_CALL_SITE) : impl_(other.impl_) {
    if (detail::alias::checking())
      track_ = detail::alias::track_copy(other, caller);
  }
  Tensor(Tensor &&other) noexcept
      : impl_(std::move(other.impl_)), track_(std::exchange(other.track_, nullptr)) {}
  ~Tensor() {
    if (track_)
      detail::alias::release(track_);
  }

  // Assigning to a named tensor rebinds the handle (no data is written).
  Tensor &operator=(const Tensor &other) &;
  Tensor &operator=(Tensor &&other) & noexcept {
    if (this != &other) {
      if (track_)
        detail::alias::release(track_);
      impl_ = std::move(other.impl_);
      track_ = std::exchange(other.track_, nullptr);
    }
    return *this;
  }
  // Assigning to a temporary view writes through it: t[0] = 99, t[1] = other.
  Tensor &operator=(const Scalar &value) &&;
  Tensor &operator=(const Tensor &value) &&;
  Tensor &operator=(Tensor &&value) &&;

  bool defined() const { return impl_ != nullptr; }

  // --- Metadata (reading these is not reading the data) ---
  IntArrayRef sizes() const { return impl().sizes.ref(); }
  IntArrayRef strides() const { return impl().strides.ref(); }
  int64_t size(int64_t dim) const;
  int64_t stride(int64_t dim) const;
  int64_t dim() const { return int64_t(impl().sizes.size()); }
  int64_t ndimension() const { return dim(); }
  int64_t numel() const { return impl().numel; }
  ScalarType dtype() const { return impl().dtype; }
  ScalarType scalar_type() const { return impl().dtype; }
  size_t element_size() const { return elementSize(impl().dtype); }
  size_t nbytes() const { return size_t(numel()) * element_size(); }
  bool is_contiguous() const { return impl().contiguous; }
  bool is_floating_point() const { return isFloatingType(dtype()); }
  int64_t storage_offset() const { return impl().offset; }
  // True when both tensors view the same storage.
  bool is_alias_of(const Tensor &other) const;
  // The storage's version counter: bumped by every in-place write through any
  // alias (PyTorch's t._version).
  int64_t _version() const { return int64_t(impl().storage->version()); }
  // How many handles share this handle's TensorImpl.
  long use_count() const { return impl_.use_count(); }

  // Pointer to the first element; T must match the dtype. Neither a read nor
  // a write for the checked runtime, which cannot see what is done with it.
  template <typename T> T *data_ptr() const;
  void *data_ptr() const { return impl().data(); }

  // The value of a one-element tensor.
  Scalar item(AG_CALL_SITE) const;
  template <typename T> T item(AG_CALL_SITE) const { return item(caller).to<T>(); }

  // --- Copies and conversions ---
  Tensor clone(AG_CALL_SITE) const;
  // Self when the dtype is unchanged (unless copy), else a converted copy.
  Tensor to(ScalarType dtype, bool non_blocking = false, bool copy = false, AG_CALL_SITE) const;
  // Self when already contiguous, else a contiguous copy.
  Tensor contiguous(AG_CALL_SITE) const;

  // --- Views ---
  Tensor view(IntArrayRef size, AG_CALL_SITE) const;
  Tensor view_as(const Tensor &other, AG_CALL_SITE) const { return view(other.sizes(), caller); }
  Tensor reshape(IntArrayRef shape, AG_CALL_SITE) const; // a view when possible, else a copy
  Tensor reshape_as(const Tensor &other, AG_CALL_SITE) const { return reshape(other.sizes(), caller); }
  Tensor flatten(int64_t start_dim = 0, int64_t end_dim = -1, AG_CALL_SITE) const;
  Tensor squeeze(AG_CALL_SITE) const;
  Tensor squeeze(int64_t dim, AG_CALL_SITE) const;
  Tensor unsqueeze(int64_t dim, AG_CALL_SITE) const;
  Tensor permute(IntArrayRef dims, AG_CALL_SITE) const;
  Tensor transpose(int64_t dim0, int64_t dim1, AG_CALL_SITE) const;
  Tensor t(AG_CALL_SITE) const;
  Tensor expand(IntArrayRef size, AG_CALL_SITE) const;
  Tensor expand_as(const Tensor &other, AG_CALL_SITE) const { return expand(other.sizes(), caller); }
  Tensor detach(AG_CALL_SITE) const;

  // --- Indexing (all views) ---
  Tensor operator[](int64_t index) const;
  Tensor select(int64_t dim, int64_t index, AG_CALL_SITE) const;
  Tensor narrow(int64_t dim, int64_t start, int64_t length, AG_CALL_SITE) const;
  Tensor slice(int64_t dim = 0, std::optional<int64_t> start = std::nullopt,
               std::optional<int64_t> end = std::nullopt, int64_t step = 1, AG_CALL_SITE) const;
  Tensor index(std::initializer_list<indexing::TensorIndex> indices, AG_CALL_SITE) const;
  Tensor index(const std::vector<indexing::TensorIndex> &indices, AG_CALL_SITE) const;
  Tensor &index_put_(std::initializer_list<indexing::TensorIndex> indices, const Tensor &value,
                     AG_CALL_SITE) const;
  Tensor &index_put_(std::initializer_list<indexing::TensorIndex> indices, const Scalar &value,
                     AG_CALL_SITE) const;
  Tensor &index_put_(const std::vector<indexing::TensorIndex> &indices, const Tensor &value,
                     AG_CALL_SITE) const;
  Tensor &index_put_(const std::vector<indexing::TensorIndex> &indices, const Scalar &value,
                     AG_CALL_SITE) const;

  // --- Out-of-place math (NumPy broadcasting, PyTorch type promotion) ---
  Tensor add(const Tensor &other, const Scalar &alpha = 1, AG_CALL_SITE) const;
  Tensor add(const Scalar &other, const Scalar &alpha = 1, AG_CALL_SITE) const;
  Tensor sub(const Tensor &other, const Scalar &alpha = 1, AG_CALL_SITE) const;
  Tensor sub(const Scalar &other, const Scalar &alpha = 1, AG_CALL_SITE) const;
  Tensor mul(const Tensor &other, AG_CALL_SITE) const;
  Tensor mul(const Scalar &other, AG_CALL_SITE) const;
  Tensor div(const Tensor &other, AG_CALL_SITE) const; // true division: integers give float
  Tensor div(const Scalar &other, AG_CALL_SITE) const;
  Tensor neg(AG_CALL_SITE) const;
  Tensor abs(AG_CALL_SITE) const;
  Tensor exp(AG_CALL_SITE) const;
  Tensor log(AG_CALL_SITE) const;
  Tensor sqrt(AG_CALL_SITE) const;
  Tensor clamp(const std::optional<Scalar> &min, const std::optional<Scalar> &max = std::nullopt,
               AG_CALL_SITE) const;
  Tensor clamp_min(const Scalar &min, AG_CALL_SITE) const { return clamp(min, std::nullopt, caller); }
  Tensor clamp_max(const Scalar &max, AG_CALL_SITE) const { return clamp(std::nullopt, max, caller); }
  Tensor matmul(const Tensor &other, AG_CALL_SITE) const;

  // --- Reductions ---
  Tensor sum(AG_CALL_SITE) const;
  Tensor sum(IntArrayRef dims, bool keepdim = false, AG_CALL_SITE) const;
  Tensor mean(AG_CALL_SITE) const;
  Tensor mean(IntArrayRef dims, bool keepdim = false, AG_CALL_SITE) const;
  Tensor max(AG_CALL_SITE) const;
  std::tuple<Tensor, Tensor> max(int64_t dim, bool keepdim = false, AG_CALL_SITE) const; // (values, indices)
  Tensor min(AG_CALL_SITE) const;
  std::tuple<Tensor, Tensor> min(int64_t dim, bool keepdim = false, AG_CALL_SITE) const;

  // --- In-place (write through every alias; return *this) ---
  Tensor &add_(const Tensor &other, const Scalar &alpha = 1, AG_CALL_SITE) const;
  Tensor &add_(const Scalar &other, const Scalar &alpha = 1, AG_CALL_SITE) const;
  Tensor &sub_(const Tensor &other, const Scalar &alpha = 1, AG_CALL_SITE) const;
  Tensor &sub_(const Scalar &other, const Scalar &alpha = 1, AG_CALL_SITE) const;
  Tensor &mul_(const Tensor &other, AG_CALL_SITE) const;
  Tensor &mul_(const Scalar &other, AG_CALL_SITE) const;
  Tensor &div_(const Tensor &other, AG_CALL_SITE) const;
  Tensor &div_(const Scalar &other, AG_CALL_SITE) const;
  Tensor &neg_(AG_CALL_SITE) const;
  Tensor &abs_(AG_CALL_SITE) const;
  Tensor &exp_(AG_CALL_SITE) const;
  Tensor &log_(AG_CALL_SITE) const;
  Tensor &sqrt_(AG_CALL_SITE) const;
  Tensor &clamp_(const std::optional<Scalar> &min, const std::optional<Scalar> &max = std::nullopt,
                 AG_CALL_SITE) const;
  Tensor &clamp_min_(const Scalar &min, AG_CALL_SITE) const { return clamp_(min, std::nullopt, caller); }
  Tensor &clamp_max_(const Scalar &max, AG_CALL_SITE) const { return clamp_(std::nullopt, max, caller); }
  Tensor &fill_(const Scalar &value, AG_CALL_SITE) const;
  Tensor &fill_(const Tensor &value, AG_CALL_SITE) const; // value must have one element
  Tensor &zero_(AG_CALL_SITE) const;
  Tensor &copy_(const Tensor &src, bool non_blocking = false, AG_CALL_SITE) const; // src broadcasts to self

  Tensor &operator+=(const Tensor &other);
  Tensor &operator+=(const Scalar &other);
  Tensor &operator-=(const Tensor &other);
  Tensor &operator-=(const Scalar &other);
  Tensor &operator*=(const Tensor &other);
  Tensor &operator*=(const Scalar &other);
  Tensor &operator/=(const Tensor &other);
  Tensor &operator/=(const Scalar &other);

  // --- NumPy interop ---
  // An NdArray sharing this tensor's memory (as torch.Tensor.numpy()).
  NdArray numpy(AG_CALL_SITE) const;

  // The implementation, for the runtime's own code.
  detail::TensorImpl &impl() const {
    if (__builtin_expect(impl_ == nullptr, 0))
      undefined_error();
    return *impl_;
  }
  const std::shared_ptr<detail::TensorImpl> &impl_ptr() const { return impl_; }
  // The checked runtime's record of this handle (null when not tracked).
  detail::HandleTrack *alias_track() const { return track_; }
  void set_alias_track(detail::HandleTrack *track) const { track_ = track; }
  detail::HandleTrack *&alias_track_slot() const { return track_; }

private:
  [[noreturn]] static void undefined_error();
  Tensor &self() const { return const_cast<Tensor &>(*this); }

  std::shared_ptr<detail::TensorImpl> impl_;
  // Mutable: a handle gets its record lazily, when it is first aliased.
  mutable detail::HandleTrack *track_ = nullptr;
};

template <typename T> T *Tensor::data_ptr() const {
  constexpr ScalarType want = CppToScalarType<std::remove_cv_t<T>>::value;
  AG_CHECK(dtype() == want, "expected scalar type ", toString(want),
           " but found ", toString(dtype()));
  return reinterpret_cast<T *>(impl().data());
}

// --- Free operators ---
Tensor operator+(const Tensor &a, const Tensor &b);
Tensor operator+(const Tensor &a, const Scalar &b);
Tensor operator+(const Scalar &a, const Tensor &b);
Tensor operator-(const Tensor &a, const Tensor &b);
Tensor operator-(const Tensor &a, const Scalar &b);
Tensor operator-(const Scalar &a, const Tensor &b);
Tensor operator*(const Tensor &a, const Tensor &b);
Tensor operator*(const Tensor &a, const Scalar &b);
Tensor operator*(const Scalar &a, const Tensor &b);
Tensor operator/(const Tensor &a, const Tensor &b);
Tensor operator/(const Tensor &a, const Scalar &b);
Tensor operator/(const Scalar &a, const Tensor &b);
Tensor operator-(const Tensor &a);

// Prints as PyTorch does: tensor([1., 2., 3.]), tensor([1, 2], dtype=ag.int32).
std::ostream &operator<<(std::ostream &os, const Tensor &t);

} // namespace ag
