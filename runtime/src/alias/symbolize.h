// Turning code addresses into the user's file:line:col, at report time only:
// events record a return address (a few ns); printing a report runs the
// symbolizer, as the sanitizers do.
#pragma once

#include <string>
#include <vector>

namespace ag::detail::alias {

struct Frame {
  std::string function; // demangled; empty when unknown
  std::string file;     // absolute or as in the debug info; empty when unknown
  unsigned line = 0;    // 0 when unknown
  unsigned column = 0;  // 0 when unknown
};

// The source frames of `pc` (a return address: the call instruction is the
// byte before it), innermost inlined frame first; never empty. Without debug
// info: one frame with the function name if known ("<module path>+0x<offset>"
// otherwise, "<unknown module>+0x<address>" outside every loaded object) and
// no file. Never throws for a symbolizer error (missing, crashed, hung: 30 s
// per answer). Thread-safe; results are cached per pc; the symbolizer
// (llvm-symbolizer, one long-lived process) is started at the first call.
std::vector<Frame> symbolize(const void *pc);

// The symbolizer to run (Options::symbolizer_path): llvm-symbolizer or, when
// its name contains "addr2line", addr2line. Empty: search, in this order,
// $AG_SYMBOLIZER_PATH, llvm-symbolizer and llvm-symbolizer-19 on PATH,
// /usr/lib/llvm-19/bin/llvm-symbolizer, addr2line on PATH. False with `error`
// (and no change) when `path` is not an executable file.
bool set_symbolizer_path(std::string path, std::string &error);

// Up to `max` return addresses of the calling thread's stack, outermost last,
// skipping `skip` innermost frames (the capture machinery itself).
std::vector<const void *> capture_stack(int skip, int max);

} // namespace ag::detail::alias
