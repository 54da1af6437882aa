// The checked runtimes' one reporting component: options, suppressions,
// output, deduplication, the report's text, halting and the summary at exit.
// ag's tracker (tracker.cpp) and the LibTorch observer (runtime/src/torch)
// find stale reads their own way and hand each one here as a StaleRead.
#pragma once

#include "identity.h"
#include "options.h"
#include "overlap.h"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace ag::detail::alias {

// One stale read, as the tracker saw it: `reader` read, through `read_op` at
// `read_site`, bytes that `write` changed after the reader last saw version
// `reader_seen` of the storage (now at `version`). The reader and the writer
// are related as `relation` says (its pointers point into this object or
// into storage that outlives the call to report()).
struct StaleRead {
  Identity reader;
  const char *read_op = nullptr;
  RecordedSite read_site;
  WriteRecord write;
  Relation relation;
  uint64_t version = 0, reader_seen = 0;
  std::string dtype; // "float32"
  std::string shape; // "[2, 3]"
};

// An elementwise in-place op, `op` at `site`, that read an operand overlapping
// the tensor it wrote at other positions (overlap.h): `count` positions read an
// element another position writes, e.g. position `read_at` the element
// written at `written_at` (indices as "[1, 0]").
struct OverlappingWrite {
  const char *op = nullptr;
  RecordedSite site;
  std::string dtype;       // "float32"
  std::string written;     // "[3, 4] strides [4, 1] offset 0"
  std::string operand;     // the same for the operand
  int64_t count = 0, numel = 0;
  std::string read_at, written_at;
};

// "[2, 3]": sizes, strides or an index as the reports print them.
std::string dims(std::span<const int64_t> values);

// The report of `op` at `site` writing `out` while reading `in`, elements of
// `dtype` in one storage, where overlap_at_other_positions(out, in) found
// `found`. Both runtimes describe their tensors to it the same way.
OverlappingWrite overlapping_write(const char *op, const RecordedSite &site, std::string dtype,
                                   const Geometry &out, const Geometry &in,
                                   const OtherPositions &found);

// Configures reporting from AG_ALIAS_OPTIONS over the defaults, once per
// process (later calls do nothing). A bad string ends the process with
// "==PID==ERROR: aliasguard: AG_ALIAS_OPTIONS: ..." and status 1, as a
// sanitizer's bad options do. Returns the options in force.
Options configure_from_environment();

// Applies options from code: false with `error` (nothing changed) when the
// suppressions file cannot be used.
bool configure(const Options &options, std::string &error);

Options current_options();

// Prints the report unless it repeats an earlier one or is suppressed; then
// aborts or exits as mode / halt_on_error say.
void report(const StaleRead &read);
void report(const OverlappingWrite &write);

// Distinct reports printed so far (suppressed ones excluded).
size_t report_count();

// Prints "==PID==ERROR: aliasguard: <message>" on stderr and exits with 1.
[[noreturn]] void fatal_error(const std::string &message);

// Whether a source file is a system or standard library header (frames in
// them are skipped when looking for the user's line).
bool is_system_path(std::string_view file);

} // namespace ag::detail::alias
