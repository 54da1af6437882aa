// ag::NdArray: a NumPy-style n-d array. It has NumPy's semantics where they
// differ from PyTorch's: float64 by default, NumPy type promotion, strides in
// bytes, copy() for a deep copy, and NumPy's printing ([1. 2. 3.]).
//
// Sharing, as in the PyTorch tutorials:
//   t.numpy()            shares t's memory
//   ag::from_numpy(arr)  shares arr's memory
//   ag::tensor(arr)      copies
//   t.clone().numpy()    copies
#pragma once

#include "ag/tensor.h"
#include "ag/tensor_data.h"

#include <cstdint>
#include <ostream>

namespace ag {

class NdArray {
public:
  NdArray(); // an empty float64 array of shape (0,)

  // --- Metadata ---
  IntArrayRef shape() const { return data_.sizes(); }
  std::vector<int64_t> strides() const; // in bytes, as numpy's
  int64_t ndim() const { return data_.dim(); }
  int64_t size() const { return data_.numel(); }
  ScalarType dtype() const { return data_.dtype(); }
  int64_t itemsize() const { return int64_t(data_.element_size()); }
  bool is_contiguous() const { return data_.is_contiguous(); }

  template <typename T> T *data() const { return data_.data_ptr<T>(); }
  template <typename T> T item(AG_CALL_SITE) const { return data_.item<T>(caller); }

  // --- Views and copies ---
  NdArray operator[](int64_t index) const;     // a view, as arr[i]
  NdArray reshape(IntArrayRef shape, AG_CALL_SITE) const;    // a view when possible
  NdArray copy(AG_CALL_SITE) const;                       // a deep copy
  NdArray astype(ScalarType dtype, AG_CALL_SITE) const;     // always a copy, as numpy's

  // --- Writes (through every alias) ---
  NdArray &operator=(const NdArray &other) &; // rebinds
  NdArray &operator=(NdArray &&other) & noexcept = default;
  NdArray &operator=(const Scalar &value) &&;  // arr[i] = v
  NdArray &operator=(const NdArray &value) &&; // arr[i] = other (broadcast)
  NdArray(const NdArray &other, AG_CALL_SITE) : data_(other.data_, caller) {}
  NdArray(NdArray &&) noexcept = default;
  void fill(const Scalar &value, AG_CALL_SITE);
  NdArray &operator+=(const NdArray &other);
  NdArray &operator+=(const Scalar &other);
  NdArray &operator-=(const NdArray &other);
  NdArray &operator-=(const Scalar &other);
  NdArray &operator*=(const NdArray &other);
  NdArray &operator*=(const Scalar &other);
  NdArray &operator/=(const NdArray &other);
  NdArray &operator/=(const Scalar &other);

  // The tensor handle of the same memory: what from_numpy() and numpy() use.
  const Tensor &tensor_view() const { return data_; }
  explicit NdArray(Tensor shared) : data_(std::move(shared)) {}

private:
  Tensor data_;
};

// New arrays, with NumPy's promotion (int / int -> float64, int32 + float32 ->
// float64, Python-style scalars are "weak").
NdArray operator+(const NdArray &a, const NdArray &b);
NdArray operator+(const NdArray &a, const Scalar &b);
NdArray operator-(const NdArray &a, const NdArray &b);
NdArray operator-(const NdArray &a, const Scalar &b);
NdArray operator*(const NdArray &a, const NdArray &b);
NdArray operator*(const NdArray &a, const Scalar &b);
NdArray operator/(const NdArray &a, const NdArray &b);
NdArray operator/(const NdArray &a, const Scalar &b);

// NumPy's str(): [1. 2. 3.], [[1 2] [3 4]] on separate lines, [ True False].
std::ostream &operator<<(std::ostream &os, const NdArray &a);

// A tensor sharing arr's memory (torch.from_numpy).
Tensor from_numpy(const NdArray &arr, AG_CALL_SITE);
// A tensor copying arr's data (torch.tensor(arr)).
Tensor tensor(const NdArray &arr, AG_CALL_SITE);

namespace np {
// NumPy's creation functions; dtype defaults to float64 (array() infers:
// integers -> int64, floating -> float64, bool -> bool).
NdArray array(const TensorData &data, std::optional<ScalarType> dtype = std::nullopt);
NdArray empty(IntArrayRef shape, ScalarType dtype = kDouble);
NdArray zeros(IntArrayRef shape, ScalarType dtype = kDouble);
NdArray ones(IntArrayRef shape, ScalarType dtype = kDouble);
NdArray full(IntArrayRef shape, const Scalar &value, std::optional<ScalarType> dtype = std::nullopt);
NdArray arange(const Scalar &stop, std::optional<ScalarType> dtype = std::nullopt);
NdArray arange(const Scalar &start, const Scalar &stop, const Scalar &step = 1,
               std::optional<ScalarType> dtype = std::nullopt);
// numpy.shares_memory: true when a and b overlap in memory.
bool shares_memory(const NdArray &a, const NdArray &b);
} // namespace np

} // namespace ag
