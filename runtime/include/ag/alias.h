// The checked runtime's API for programs (docs/dynamic.md).
//
// Link aliasguard::runtime_checked, or set AG_ALIAS_OPTIONS, and the runtime
// reports a read of a tensor whose data was changed in place through another
// handle of the same storage (a copy, a view, numpy(), a by-value parameter)
// since this handle last wrote or was made.
#pragma once

#include "ag/tensor.h"

#include <cstddef>
#include <string_view>

namespace ag {
class NdArray;

namespace alias {

// Whether the checked runtime is on.
bool enabled();

// Turns checking on (or off, with "enabled=0") with options in
// AG_ALIAS_OPTIONS' syntax, over the current ones. Throws ag::Error naming
// the bad key or value. Handles made while checking was off are not tracked.
void set_options(std::string_view options);

// Intent: `a` and `b` share their data on purpose. Reads through either of
// them (or of views and copies made from them later) of data written
// through the other are not reported. No effect when checking is off.
void shared(const Tensor &a, const Tensor &b);
void shared(const Tensor &a, const NdArray &b);
void shared(const NdArray &a, const Tensor &b);
void shared(const NdArray &a, const NdArray &b);

// Within the lifetime of a ScopedAllow, reads on this thread are not
// reported (as the sanitizers' scoped disablers).
class ScopedAllow {
public:
  ScopedAllow();
  ~ScopedAllow();
  ScopedAllow(const ScopedAllow &) = delete;
  ScopedAllow &operator=(const ScopedAllow &) = delete;
};

// Distinct reports printed so far (suppressed ones excluded).
size_t report_count();

} // namespace alias
} // namespace ag
