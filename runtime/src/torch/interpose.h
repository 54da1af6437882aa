// LibTorch entry points that bypass the dispatcher, interposed
// (interpose.cpp).
#pragma once

namespace ag::detail::torch_check {

// Whether the program's calls to the interposed functions reach this
// library (false when it was linked after libtorch_cpu).
bool interposition_active();

} // namespace ag::detail::torch_check
