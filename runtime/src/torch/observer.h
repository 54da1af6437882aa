// The LibTorch checker's op observer (observer.cpp), shared with the
// interposed entry points (interpose.cpp).
#pragma once

namespace ag::detail::torch_check {

// Whether checking is on (AG_ALIAS_OPTIONS enabled=1 and the observer
// installed).
bool checking();

// How deep the calling thread is inside observed ops: only the outermost op
// (depth 0 when it starts) is the user's; ops it calls are its own business.
int op_depth();
// Marks a call into LibTorch made on the user's behalf by an interposed
// entry point (at::print): the ops it runs are nested.
struct NestedScope {
  NestedScope();
  ~NestedScope();
};

} // namespace ag::detail::torch_check
