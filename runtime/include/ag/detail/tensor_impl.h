// TensorImpl: what one Tensor handle (and its copies) refers to: a storage
// and the strided layout of the tensor in it. Views have their own
// TensorImpl over the same StorageImpl.
#pragma once

#include "ag/detail/dim_vector.h"
#include "ag/detail/storage.h"
#include "ag/dtype.h"

#include <cstdint>

namespace ag::detail {

struct TensorImpl {
  StoragePtr storage;
  DimVector sizes;
  DimVector strides; // in elements
  int64_t offset = 0; // in elements
  int64_t numel = 1;
  ScalarType dtype = kFloat;
  bool contiguous = true;

  // Recomputes numel and the contiguity flag after sizes/strides change.
  void refresh();

  char *data() const {
    return static_cast<char *>(storage->data()) + offset * int64_t(elementSize(dtype));
  }
};

} // namespace ag::detail
