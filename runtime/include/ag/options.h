// ag::TensorOptions: the creation options the runtime supports (the dtype),
// implicitly convertible from a ScalarType as in LibTorch:
// ag::zeros({2, 3}, ag::kInt) == ag::zeros({2, 3}, ag::TensorOptions().dtype(ag::kInt)).
#pragma once

#include "ag/dtype.h"

#include <optional>

namespace ag {

class TensorOptions {
public:
  TensorOptions() = default;
  TensorOptions(ScalarType dtype) : dtype_(dtype) {}

  TensorOptions dtype(ScalarType dtype) const {
    TensorOptions o = *this;
    o.dtype_ = dtype;
    return o;
  }
  bool has_dtype() const { return dtype_.has_value(); }
  std::optional<ScalarType> dtype_opt() const { return dtype_; }
  // The dtype, or the default float dtype when none was given.
  ScalarType dtype() const { return dtype_.value_or(kDefaultFloat); }

private:
  std::optional<ScalarType> dtype_;
};

inline TensorOptions dtype(ScalarType t) { return TensorOptions(t); }

} // namespace ag
