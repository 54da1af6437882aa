// What a LibTorch operator does to its tensor arguments, read from its
// schema's alias annotations (docs/dynamic.md, "LibTorch"):
//   Tensor(a!) x   x is written in place (after the op: a write)
//   Tensor(a) x    x is aliased, not read, when a result carries (a): the
//                  result is a view of x if it shares x's storage, else a
//                  copy, which read x (to, contiguous, reshape)
//   Tensor x       x is read (before the op)
// Ops that only look at metadata (zeros_like, size, is_floating_point) and
// in-place metadata ops (t_, squeeze_, as_strided_: tag inplace_view) read
// and write no data.
#pragma once

#include <ATen/core/function_schema.h>

#include <string>
#include <vector>

namespace ag::detail::torch_check {

enum class Role : uint8_t { None, Read, Write, Alias };

struct OpModel {
  std::string name;        // without the "aten::" namespace: "add_", "view"
  bool observed = false;   // false: nothing to do (metadata, unknown op)
  std::vector<Role> args;  // per schema argument
  std::vector<int> view_of; // per return: the argument it may alias, or -1
  bool has_views = false;
  // An in-place op that computes each position of the written tensor from the
  // same position of its tensor operands (broadcast): add_, copy_, ...
  bool elementwise_inplace = false;
  // An op that returns a view of its input when the layout allows and a copy
  // otherwise (reshape, flatten, contiguous): a write into the copy is lost
  // for the input. Not `to`, which copies only to change dtype or device.
  bool may_copy_view = false;
};

// The model of `schema` (`inplace_view`: the op has that tag).
OpModel model_of(const c10::FunctionSchema &schema, bool inplace_view);

} // namespace ag::detail::torch_check
