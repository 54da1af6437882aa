// Declarations shared by the elementwise sources (not installed), split as
// ATen's:
//   tensor_iterator.cpp      the N-d loop's order and coalescing (NdLoop,
//                            loops.h), broadcasting, layout and overlap
//                            checks, outputs in the loop's order
//   type_promotion.cpp       result types and the ops' dtype checks
//   elementwise_kernels.cpp  functors, vectorised loops and the drivers that
//                            run them (binary, unary, clamp, copy, fill)
//   elementwise_ops.cpp      the public API (Tensor methods, operators, free
//                            functions, equal, allclose)
// The entry points other parts of the runtime use are in internal.h.
#pragma once

#include "loops.h"

#include <optional>

namespace ag::detail {

// --- tensor_iterator.cpp ---

// The checks every in-place op makes on self and its tensor input, in
// PyTorch's order: overlap, then shape. Returns the input to read.
Tensor inplace_input(const Tensor &self, const Tensor &b);

// A new tensor of `sizes` laid out densely in the loop's order (contiguous
// unless the inputs are permuted alike, as PyTorch's TensorIterator); set as
// the loop's operand 0.
Tensor alloc_output(NdLoop &loop, IntArrayRef sizes, ScalarType dtype);

// --- type_promotion.cpp ---

// The dtype of a true division of `t` values (integers divide in floating
// point).
ScalarType true_div_type(ScalarType t);
// PyTorch's checks of alpha against the result dtype.
void alpha_check(ScalarType dtype, const Scalar &alpha);
// PyTorch's sub_check; a scalar counts with its own type (true is Bool).
void sub_check(ScalarType a, ScalarType b);
// The dtype a unary op computes in, after its dtype checks: neg and abs keep
// t's dtype, exp/log/sqrt compute in floating point.
ScalarType unary_type(UnaryOp uop, const Tensor &t);
// Throws unless `result` can be stored in self's dtype.
void check_cast(ScalarType result, const Tensor &self);
// clamp's dtype: self with both bounds as wrapped numbers.
ScalarType clamp_type(const Tensor &self, const std::optional<Scalar> &min,
                      const std::optional<Scalar> &max);
void clamp_bool_check(ScalarType dtype, const std::optional<Scalar> &min,
                      const std::optional<Scalar> &max);

// --- elementwise_kernels.cpp ---

// One operand of a binary op: a tensor (already of the compute dtype) or a
// scalar (converted to it, broadcast without being materialised).
struct Arg {
  const Tensor *tensor = nullptr;
  const Scalar *scalar = nullptr;
};

// t itself when of `dtype`, else a converted copy.
Tensor as_dtype(const Tensor &t, ScalarType dtype);

// self op= b after the checks; dtype is the computation type. Bumps self's
// version.
void binary_inplace_args(BinaryOp op, const Tensor &self, const Arg &b, ScalarType dtype,
                         const Scalar &alpha);
// a op b for a scalar a, computed in `dtype` (b converted to it).
Tensor binary_scalar_first_kernel(BinaryOp op, const Scalar &a, const Tensor &b, ScalarType dtype);
// self = op(self) in self's dtype, after the checks. Bumps self's version.
void unary_inplace_kernel(UnaryOp op, const Tensor &self);
// t clamped to [min, max], computed in `dtype`.
Tensor clamp_kernel(const Tensor &t, ScalarType dtype, const std::optional<Scalar> &min,
                    const std::optional<Scalar> &max);
// self clamped in place, after the checks. Bumps self's version.
void clamp_inplace_kernel(const Tensor &self, const std::optional<Scalar> &min,
                          const std::optional<Scalar> &max);

} // namespace ag::detail
