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

  Tensor(const Tensor &) = default;
  Tensor(Tensor &&) noexcept = default;
  ~Tensor() = default;

  // Assigning to a named tensor rebinds the handle (no data is written).
  Tensor &operator=(const Tensor &other) & = default;
  Tensor &operator=(Tensor &&other) & noexcept = default;
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

  // Pointer to the first element; T must match the dtype.
  template <typename T> T *data_ptr() const;
  void *data_ptr() const { return impl().data(); }

  // The value of a one-element tensor.
  Scalar item() const;
  template <typename T> T item() const { return item().to<T>(); }

  // --- Copies and conversions ---
  Tensor clone() const;
  // Self when the dtype is unchanged (unless copy), else a converted copy.
  Tensor to(ScalarType dtype, bool non_blocking = false, bool copy = false) const;
  // Self when already contiguous, else a contiguous copy.
  Tensor contiguous() const;

  // --- Views ---
  Tensor view(IntArrayRef size) const;
  Tensor view_as(const Tensor &other) const { return view(other.sizes()); }
  Tensor reshape(IntArrayRef shape) const; // a view when possible, else a copy
  Tensor reshape_as(const Tensor &other) const { return reshape(other.sizes()); }
  Tensor flatten(int64_t start_dim = 0, int64_t end_dim = -1) const;
  Tensor squeeze() const;
  Tensor squeeze(int64_t dim) const;
  Tensor unsqueeze(int64_t dim) const;
  Tensor permute(IntArrayRef dims) const;
  Tensor transpose(int64_t dim0, int64_t dim1) const;
  Tensor t() const;
  Tensor expand(IntArrayRef size) const;
  Tensor expand_as(const Tensor &other) const { return expand(other.sizes()); }
  Tensor detach() const;

  // --- Indexing (all views) ---
  Tensor operator[](int64_t index) const { return select(0, index); }
  Tensor select(int64_t dim, int64_t index) const;
  Tensor narrow(int64_t dim, int64_t start, int64_t length) const;
  Tensor slice(int64_t dim = 0, std::optional<int64_t> start = std::nullopt,
               std::optional<int64_t> end = std::nullopt, int64_t step = 1) const;
  Tensor index(std::initializer_list<indexing::TensorIndex> indices) const;
  Tensor index(const std::vector<indexing::TensorIndex> &indices) const;
  Tensor &index_put_(std::initializer_list<indexing::TensorIndex> indices, const Tensor &value) const;
  Tensor &index_put_(std::initializer_list<indexing::TensorIndex> indices, const Scalar &value) const;
  Tensor &index_put_(const std::vector<indexing::TensorIndex> &indices, const Tensor &value) const;
  Tensor &index_put_(const std::vector<indexing::TensorIndex> &indices, const Scalar &value) const;

  // --- Out-of-place math (NumPy broadcasting, PyTorch type promotion) ---
  Tensor add(const Tensor &other, const Scalar &alpha = 1) const;
  Tensor add(const Scalar &other, const Scalar &alpha = 1) const;
  Tensor sub(const Tensor &other, const Scalar &alpha = 1) const;
  Tensor sub(const Scalar &other, const Scalar &alpha = 1) const;
  Tensor mul(const Tensor &other) const;
  Tensor mul(const Scalar &other) const;
  Tensor div(const Tensor &other) const; // true division: integers give float
  Tensor div(const Scalar &other) const;
  Tensor neg() const;
  Tensor abs() const;
  Tensor exp() const;
  Tensor log() const;
  Tensor sqrt() const;
  Tensor clamp(const std::optional<Scalar> &min, const std::optional<Scalar> &max = std::nullopt) const;
  Tensor clamp_min(const Scalar &min) const { return clamp(min, std::nullopt); }
  Tensor clamp_max(const Scalar &max) const { return clamp(std::nullopt, max); }
  Tensor matmul(const Tensor &other) const;

  // --- Reductions ---
  Tensor sum() const;
  Tensor sum(IntArrayRef dims, bool keepdim = false) const;
  Tensor mean() const;
  Tensor mean(IntArrayRef dims, bool keepdim = false) const;
  Tensor max() const;
  std::tuple<Tensor, Tensor> max(int64_t dim, bool keepdim = false) const; // (values, indices)
  Tensor min() const;
  std::tuple<Tensor, Tensor> min(int64_t dim, bool keepdim = false) const;

  // --- In-place (write through every alias; return *this) ---
  Tensor &add_(const Tensor &other, const Scalar &alpha = 1) const;
  Tensor &add_(const Scalar &other, const Scalar &alpha = 1) const;
  Tensor &sub_(const Tensor &other, const Scalar &alpha = 1) const;
  Tensor &sub_(const Scalar &other, const Scalar &alpha = 1) const;
  Tensor &mul_(const Tensor &other) const;
  Tensor &mul_(const Scalar &other) const;
  Tensor &div_(const Tensor &other) const;
  Tensor &div_(const Scalar &other) const;
  Tensor &neg_() const;
  Tensor &abs_() const;
  Tensor &exp_() const;
  Tensor &log_() const;
  Tensor &sqrt_() const;
  Tensor &clamp_(const std::optional<Scalar> &min, const std::optional<Scalar> &max = std::nullopt) const;
  Tensor &clamp_min_(const Scalar &min) const { return clamp_(min, std::nullopt); }
  Tensor &clamp_max_(const Scalar &max) const { return clamp_(std::nullopt, max); }
  Tensor &fill_(const Scalar &value) const;
  Tensor &fill_(const Tensor &value) const; // value must have one element
  Tensor &zero_() const { return fill_(0); }
  Tensor &copy_(const Tensor &src, bool non_blocking = false) const; // src broadcasts to self

  Tensor &operator+=(const Tensor &other) { return add_(other); }
  Tensor &operator+=(const Scalar &other) { return add_(other); }
  Tensor &operator-=(const Tensor &other) { return sub_(other); }
  Tensor &operator-=(const Scalar &other) { return sub_(other); }
  Tensor &operator*=(const Tensor &other) { return mul_(other); }
  Tensor &operator*=(const Scalar &other) { return mul_(other); }
  Tensor &operator/=(const Tensor &other) { return div_(other); }
  Tensor &operator/=(const Scalar &other) { return div_(other); }

  // --- NumPy interop ---
  // An NdArray sharing this tensor's memory (as torch.Tensor.numpy()).
  NdArray numpy() const;

  // The implementation, for the runtime's own code.
  detail::TensorImpl &impl() const {
    if (__builtin_expect(impl_ == nullptr, 0))
      undefined_error();
    return *impl_;
  }
  const std::shared_ptr<detail::TensorImpl> &impl_ptr() const { return impl_; }

private:
  [[noreturn]] static void undefined_error();
  Tensor &self() const { return const_cast<Tensor &>(*this); }

  std::shared_ptr<detail::TensorImpl> impl_;
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
