// AG_ALIAS_OPTIONS: the checked runtime's options, parsed like the
// sanitizers' (key=value pairs separated by ':', ',' or whitespace).
#pragma once

#include <string>
#include <string_view>

namespace ag::detail::alias {

struct Options {
  enum class Mode { Report, Abort };
  // Whether checking is on. Linking aliasguard::runtime_checked or setting
  // AG_ALIAS_OPTIONS (even to "") turns it on; `enabled=0` turns it off.
  bool enabled = true;
  // report: print and continue; abort: print and abort() at the first report.
  Mode mode = Mode::Report;
  // Exit (with `exitcode`) right after the first report.
  bool halt_on_error = false;
  // Reports go to stderr, or to "<log_path>.<pid>" (as the sanitizers').
  std::string log_path;
  // A suppressions file (see Suppressions).
  std::string suppressions;
  // Report view-mutation (writes and reads linked by a view / numpy()).
  bool report_views = true;
  // The process exit status at exit when anything was reported (0: keep the
  // program's own status).
  int exitcode = 23;
  // Print "SUMMARY: aliasguard: N reports (...)" at exit when anything was
  // reported.
  bool print_summary = true;
  // Symbolizer for return addresses (llvm-symbolizer or addr2line); empty:
  // search PATH.
  std::string symbolizer_path;
};

// Parses `text` over the defaults already in `options` (a later duplicate
// key wins). Booleans take 0/1, true/false, yes/no; a value may be quoted
// ('...' or "...") to hold separators. On error returns false, leaves
// `options` unchanged and sets `error` to a one-line message naming the bad
// key or value, without the origin (the caller prefixes "AG_ALIAS_OPTIONS: "),
// e.g. "unknown option 'halt_on_eror' (known: enabled, mode, ...)" or
// "option 'exitcode' expects an integer, got 'x'".
bool parse_options(std::string_view text, Options &options, std::string &error);

} // namespace ag::detail::alias
