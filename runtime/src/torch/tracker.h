// The LibTorch checker's records: what each tracked TensorImpl last saw of
// its storage, the storage's recent writes, and how impls were made from one
// another (views, detach(), .data()). The observer (observer.cpp) and the
// interposed entry points (interpose.cpp) report events here; stale reads go
// to the shared reporting component (runtime/src/alias/report.h).
//
// An impl gets a record when a view of it is made (it and the view), as the
// ag checked runtime's handles do: until then it is its storage's only
// handle. Records live in tables keyed by TensorImpl* / StorageImpl* and hold
// a c10::weak_intrusive_ptr to their object, so an address is never reused
// while its record exists; records of dead impls are swept when the table
// has doubled since the last sweep (bounded memory over any number of
// temporaries).
#pragma once

#include "torch/stack.h"

#include <ATen/core/Tensor.h>

#include <cstddef>
#include <span>

namespace ag::detail::torch_check {

// Each event takes the op's LazyStack: the user's stack is unwound at most
// once per op, however many of its tensors need it.

// Reads of data through `impls` by `op`, checked against writes through
// other impls since each last saw its storage.
void on_reads(const char *op, std::span<c10::TensorImpl *const> impls, LazyStack &stack);
// Writes of `impls` by `op`, just done.
void on_writes(const char *op, std::span<c10::TensorImpl *const> impls, LazyStack &stack);
// An elementwise in-place op about to write `writes` while reading `reads`:
// each operand that shares a written impl's storage without LibTorch's own
// overlap check settling it (not both dense) is reported as
// overlapping-inplace when it reads an element at a position other than the
// one that writes it.
void on_elementwise_inplace(const char *op, std::span<c10::TensorImpl *const> writes,
                            std::span<c10::TensorImpl *const> reads, LazyStack &stack);
// `result` of `op` on `base`: a view of base if it shares base's storage.
// Returns false when it does not (the op copied).
bool on_result(const char *op, const at::TensorBase &base, const at::TensorBase &result,
               LazyStack &stack);

// `result` of `op`, a may-view op (reshape, flatten, contiguous), is a copy
// of `base` (a view was not possible): its writes are recorded as lost writes
// of base's storage, which a later read of base reports as lost-write.
void on_copied_instead_of_view(const char *op, const at::TensorBase &base,
                               const at::TensorBase &result, LazyStack &stack);

// Counts of stale reads found while the start-up self-test runs (nothing is
// printed then).
void begin_self_test();
size_t end_self_test();

// Records now held (tests of the sweep; the benchmark's memory check).
size_t record_count();

} // namespace ag::detail::torch_check
