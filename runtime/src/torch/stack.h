// The user's part of the current call stack, captured at an op: the frames in
// LibTorch, c10, this library and the C/C++ runtime libraries are dropped by
// the address ranges of those objects (dl_iterate_phdr), so that the stack
// starts in the user's code (or in LibTorch's inline headers compiled into
// it, which the report skips after symbolizing).
#pragma once

#include "alias/identity.h"

#include <optional>

namespace ag::detail::torch_check {

// Finds the libraries' address ranges; once, before any capture.
void init_library_ranges();

// Whether `pc` lies in one of the dropped libraries.
bool in_library(const void *pc);

// The stack at the calling point (libunwind's cached fast unwinder: a few
// hundred ns, against microseconds for glibc's backtrace()).
alias::RecordedSite capture_user_stack();

// The user's stack of one event, captured on first use: every part of one op
// (its reads, its writes, each of its results) happened at the same user
// frames, so an op unwinds at most once (chunk/split/unbind made one capture
// per result before).
class LazyStack {
public:
  const alias::RecordedSite &get() {
    if (!site_)
      site_ = capture_user_stack();
    return *site_;
  }
  void reset() { site_.reset(); }

private:
  std::optional<alias::RecordedSite> site_;
};

} // namespace ag::detail::torch_check
