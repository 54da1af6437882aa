// The checked runtime's hooks in the public headers (docs/dynamic.md).
//
// Every Tensor handle has a slot for its alias-tracking record, in both modes,
// so an application switches modes by relinking (aliasguard::runtime_checked)
// or by setting AG_ALIAS_OPTIONS, never by recompiling. When checking is off
// the slot stays null and each hook is one predictable branch.
//
// Source lines: API functions take the caller's std::source_location as a
// defaulted last parameter (AG_CALL_SITE). Operators, which cannot have one
// (+, +=, <<, t[i], t[i] = v, b = a), record their return address instead;
// it is symbolized to file:line only when a report is printed.
#pragma once

#include <source_location>

namespace ag {
class Tensor;
namespace detail {

// The caller's source location: the defaulted last parameter of the API
// functions. It cannot be made from `{}`, so a braced argument list never
// selects an overload through it (tensor({{}, {}}) stays a TensorData).
class CallSite {
public:
  struct Tag {
    explicit Tag() = default;
  };
  constexpr CallSite(Tag, std::source_location loc = std::source_location::current())
      : loc_(loc) {}
  constexpr const std::source_location &location() const { return loc_; }

private:
  std::source_location loc_;
};

// One handle's record in the checked runtime (runtime/src/alias/tracker.cpp).
struct HandleTrack;

namespace alias {

// True while the checked runtime is on; set before main() and by
// set_options(). AG_NO_ALIAS_HOOKS compiles the hooks out: only the
// benchmarks' anchor build (test/bench) uses it.
extern bool g_checking;
#ifdef AG_NO_ALIAS_HOOKS
constexpr bool checking() { return false; }
#else
inline bool checking() { return __builtin_expect(g_checking, false); }
#endif

// The record of a handle copied from `src` at `site` (a copy constructor
// call) or at the return address `pc` (a copy assignment); null when the copy
// is made inside the runtime itself.
HandleTrack *track_copy(const Tensor &src, const CallSite &site);
HandleTrack *track_copy_at(const Tensor &src, const void *pc);
// Ends a record: the handle died or was rebound.
void release(HandleTrack *track) noexcept;

} // namespace alias
} // namespace detail
} // namespace ag

// The defaulted caller-location parameter of the runtime's API functions.
#define AG_CALL_SITE                                                           \
  ::ag::detail::CallSite caller = ::ag::detail::CallSite(::ag::detail::CallSite::Tag())
