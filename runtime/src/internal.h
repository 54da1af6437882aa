// Internal interfaces shared by the runtime's source files (not installed).
#pragma once

#include "ag/ag.h"

#include <cstdint>

namespace ag::detail {

// --- Layout helpers (tensor.cpp) ---

// Wraps a possibly negative dim into [0, ndim); PyTorch's error otherwise:
// "Dimension out of range (expected to be in range of [-2, 1], but got 2)".
// A zero-dim tensor accepts dims -1 and 0, as PyTorch's.
int64_t wrap_dim(int64_t dim, int64_t ndim);

// Row-major strides for sizes.
DimVector contiguous_strides(IntArrayRef sizes);

// Checks sizes (no negative size, no overflowing element count or byte
// count) and returns the element count.
int64_t checked_numel(IntArrayRef sizes, ScalarType dtype);

// A new contiguous tensor with uninitialised data.
Tensor empty_tensor(IntArrayRef sizes, ScalarType dtype);

// A new C-contiguous tensor with t's values in `dtype` (version 0).
Tensor contiguous_copy(const Tensor &t, ScalarType dtype);

// A tensor viewing `base`'s storage with the given layout (a view: shares
// storage and version counter).
Tensor make_view(const Tensor &base, IntArrayRef sizes, IntArrayRef strides, int64_t offset);

// Throws unless t is defined.
void check_defined(const Tensor &t, const char *what);

// --- Elementwise kernels (elementwise_kernels.cpp, tensor_iterator.cpp; elementwise.h) ---

enum class BinaryOp { Add, Sub, Mul, Div };
enum class UnaryOp { Neg, Abs, Exp, Log, Sqrt };

// The broadcast shape of a and b, or PyTorch's error naming both shapes.
DimVector broadcast_shapes(IntArrayRef a, IntArrayRef b);

// out = a op (alpha * b) computed and returned in `dtype` (inputs converted
// to it); alpha applies to Add/Sub only.
Tensor binary(BinaryOp op, const Tensor &a, const Tensor &b, ScalarType dtype,
              const Scalar &alpha = 1);
Tensor binary(BinaryOp op, const Tensor &a, const Scalar &b, ScalarType dtype,
              const Scalar &alpha = 1);
// self = self op (alpha * b), computed in `dtype` and stored in self's dtype.
// The caller has checked that dtype can be cast to self's dtype. Checks that
// b broadcasts to self's shape, that self has no internal overlap and that b
// does not partially overlap self. Bumps self's version.
void binary_(BinaryOp op, const Tensor &self, const Tensor &b, ScalarType dtype,
             const Scalar &alpha = 1);
void binary_(BinaryOp op, const Tensor &self, const Scalar &b, ScalarType dtype,
             const Scalar &alpha = 1);

// a unary op computed in `dtype`.
Tensor unary(UnaryOp op, const Tensor &a, ScalarType dtype);

// dst = src, broadcasting src to dst's shape and converting dtype.
// Overlap-checked like binary_. Bumps dst's version.
void copy_into(const Tensor &dst, const Tensor &src);
// Every element of dst = value. Bumps dst's version.
void fill_into(const Tensor &dst, const Scalar &value);

// Throws PyTorch's "unsupported operation: more than one element of the
// written-to tensor refers to a single memory location..." when t has
// internal overlap (an expanded view). As ATen's has_internal_overlap, dense
// layouts are answered first: a contiguous tensor (the cached flag, checked
// inline here: the in-place ops of tiny tensors call this on every op) cannot
// overlap itself; the out-of-line part tests the other dense layouts (sorted
// strides) and then the zero strides of an expanded view.
void check_no_internal_overlap_strided(const Tensor &t);
inline void check_no_internal_overlap(const Tensor &t) {
  if (__builtin_expect(t.impl().contiguous, 1))
    return;
  check_no_internal_overlap_strided(t);
}

} // namespace ag::detail
