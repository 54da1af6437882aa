// The checked runtime's event interface for the runtime's own sources.
//
// Each public API function opens a Scope with its name and the caller's site.
// Only the outermost Scope of a thread is active: calls the runtime makes to
// its own API (reshape calling view, NdArray calling Tensor) are part of the
// user's call and are not separate events. An active Scope reports what the
// call did to the user's handles:
//   read(t)           the call reads t's data
//   write(t)          the call wrote t's data (after the write)
//   result(base, r)   the call returned r; if r shares base's storage it is a
//                     view of base made by this call (else r is a new tensor)
#pragma once

#include "ag/tensor.h"
#include "alias/identity.h"

#include <cstdint>

namespace ag::detail::alias {

class Scope {
public:
  Scope(const char *op, const Site &site) {
    if (checking())
      enter(op, site);
  }
  ~Scope() {
    if (entered_)
      leave();
  }
  Scope(const Scope &) = delete;
  Scope &operator=(const Scope &) = delete;

  bool active() const { return active_; }

  void read(const Tensor &t) const {
    if (active_ && t.alias_track())
      on_read(t);
  }
  void write(const Tensor &t) const {
    if (active_)
      on_write(t);
  }
  void result(const Tensor &base, const Tensor &r) const {
    if (active_)
      on_result(base, r);
  }

private:
  friend void overlapping_operand(const Tensor &out, const Tensor &in);
  void enter(const char *op, const Site &site);
  void leave();
  void on_read(const Tensor &t) const;
  void on_write(const Tensor &t) const;
  void on_result(const Tensor &base, const Tensor &r) const;
  void record_lost_write(const HandleTrack &copy) const;

  const char *op_ = nullptr;
  Site site_;
  bool entered_ = false;
  bool active_ = false;
};

// Runs f, an API function returning a tensor that may be a view of `self`.
template <typename F>
[[gnu::noinline, gnu::cold]] Tensor view_call_checked(const char *op, const Site &site,
                                                      const Tensor &self, F &f) {
  Scope scope(op, site);
  Tensor r = f();
  scope.result(self, r);
  return r;
}
template <typename F> Tensor view_call(const char *op, const Site &site, const Tensor &self, F &&f) {
  if (checking())
    return view_call_checked(op, site, self, f);
  return f();
}

// `in`, an operand an elementwise in-place op is about to read, shares `out`'s
// storage in a way the library's overlap check cannot settle (not both dense:
// ag then reads a copy of `in`, LibTorch reads it while it writes). Reported
// as overlapping-inplace at the user's call when an element of `in` is read
// for a position other than the one it is written at (alias/overlap.h).
void overlapping_operand(const Tensor &out, const Tensor &in);

// `dst = src` rebinding a named handle, at return address pc.
void rebind(const Tensor &dst, const Tensor &src, const void *pc);

} // namespace ag::detail::alias

// The return address of the current (out-of-line) runtime function: the
// user's call site of an operator.
#define AG_RETURN_SITE ::ag::detail::alias::Site(__builtin_return_address(0))
