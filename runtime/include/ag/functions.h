// Free functions of the ag namespace: creation (LibTorch's factory
// functions), math that mirrors the Tensor methods, and the random seed.
#pragma once

#include "ag/tensor.h"
#include "ag/tensor_data.h"

#include <cstdint>

namespace ag {

// --- Creation. Without a dtype: float32, except tensor() and full(), which
// infer it from their values, and arange(), which is Long for integer
// arguments. ---
Tensor tensor(const TensorData &data, TensorOptions options = {});
Tensor empty(IntArrayRef size, TensorOptions options = {});
Tensor zeros(IntArrayRef size, TensorOptions options = {});
Tensor ones(IntArrayRef size, TensorOptions options = {});
Tensor full(IntArrayRef size, const Scalar &fill_value, TensorOptions options = {});
Tensor rand(IntArrayRef size, TensorOptions options = {});  // uniform on [0, 1)
Tensor randn(IntArrayRef size, TensorOptions options = {}); // standard normal
Tensor arange(const Scalar &end, TensorOptions options = {});
Tensor arange(const Scalar &start, const Scalar &end, TensorOptions options = {});
Tensor arange(const Scalar &start, const Scalar &end, const Scalar &step, TensorOptions options = {});

// *_like: the shape of t, and its dtype unless options give one.
Tensor empty_like(const Tensor &t, TensorOptions options = {});
Tensor zeros_like(const Tensor &t, TensorOptions options = {});
Tensor ones_like(const Tensor &t, TensorOptions options = {});
Tensor full_like(const Tensor &t, const Scalar &fill_value, TensorOptions options = {});
Tensor rand_like(const Tensor &t, TensorOptions options = {});
Tensor randn_like(const Tensor &t, TensorOptions options = {});

// Seeds the generator behind rand and randn (process-wide, as torch.manual_seed).
void manual_seed(uint64_t seed);

// --- Math, as the Tensor methods of the same names ---
Tensor add(const Tensor &a, const Tensor &b, const Scalar &alpha = 1, AG_CALL_SITE);
Tensor add(const Tensor &a, const Scalar &b, const Scalar &alpha = 1, AG_CALL_SITE);
Tensor sub(const Tensor &a, const Tensor &b, const Scalar &alpha = 1, AG_CALL_SITE);
Tensor sub(const Tensor &a, const Scalar &b, const Scalar &alpha = 1, AG_CALL_SITE);
Tensor mul(const Tensor &a, const Tensor &b, AG_CALL_SITE);
Tensor mul(const Tensor &a, const Scalar &b, AG_CALL_SITE);
Tensor div(const Tensor &a, const Tensor &b, AG_CALL_SITE);
Tensor div(const Tensor &a, const Scalar &b, AG_CALL_SITE);
Tensor neg(const Tensor &t, AG_CALL_SITE);
Tensor abs(const Tensor &t, AG_CALL_SITE);
Tensor exp(const Tensor &t, AG_CALL_SITE);
Tensor log(const Tensor &t, AG_CALL_SITE);
Tensor sqrt(const Tensor &t, AG_CALL_SITE);
Tensor clamp(const Tensor &t, const std::optional<Scalar> &min,
             const std::optional<Scalar> &max = std::nullopt, AG_CALL_SITE);
Tensor matmul(const Tensor &a, const Tensor &b, AG_CALL_SITE);
Tensor sum(const Tensor &t, AG_CALL_SITE);
Tensor sum(const Tensor &t, IntArrayRef dims, bool keepdim = false, AG_CALL_SITE);
Tensor mean(const Tensor &t, AG_CALL_SITE);
Tensor mean(const Tensor &t, IntArrayRef dims, bool keepdim = false, AG_CALL_SITE);
Tensor max(const Tensor &t, AG_CALL_SITE);
std::tuple<Tensor, Tensor> max(const Tensor &t, int64_t dim, bool keepdim = false,
                               AG_CALL_SITE);
Tensor min(const Tensor &t, AG_CALL_SITE);
std::tuple<Tensor, Tensor> min(const Tensor &t, int64_t dim, bool keepdim = false,
                               AG_CALL_SITE);

// The dtype of a op b under PyTorch's promotion (zero-dim tensors and
// scalars take part only when of a higher category).
ScalarType result_type(const Tensor &a, const Tensor &b);
ScalarType result_type(const Tensor &a, const Scalar &b);

// True when a and b have the same sizes and elements (torch::equal).
bool equal(const Tensor &a, const Tensor &b, AG_CALL_SITE);
// |a - b| <= atol + rtol * |b| elementwise, with broadcasting (torch::allclose).
bool allclose(const Tensor &a, const Tensor &b, double rtol = 1e-05, double atol = 1e-08,
              AG_CALL_SITE);

} // namespace ag
