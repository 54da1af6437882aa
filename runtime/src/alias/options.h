// AG_ALIAS_OPTIONS: the checked runtimes' options, parsed like the
// sanitizers' flags (key=value pairs separated by ':', ',' or whitespace).
// One table (options.cpp) names every option with its type, default and
// help: the parser, the "unknown option" message and `help=1` all read it,
// and both checked runtimes (ag's and the LibTorch observer) use it.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace ag::detail::alias {

struct Options {
  enum class Mode { Report, Abort };
  bool enabled = true;
  Mode mode = Mode::Report;
  bool halt_on_error = false;
  std::string log_path;
  std::string suppressions;
  bool report_views = true;
  int exitcode = 23;
  bool print_summary = true;
  std::string symbolizer_path;
  bool help = false;
};

// Parses `text` over the defaults already in `options` (a later duplicate
// key wins). Booleans take 0/1, true/false, yes/no; a value may be quoted
// ('...' or "...") to hold separators. On error returns false, leaves
// `options` unchanged and sets `error` to a one-line message naming the bad
// key or value, without the origin (the caller prefixes "AG_ALIAS_OPTIONS: "),
// e.g. "unknown option 'halt_on_eror' (known: enabled, mode, ...)" or
// "option 'exitcode' expects an integer, got 'x'".
bool parse_options(std::string_view text, Options &options, std::string &error);

// The option table as `help=1` prints it: every option, its type, current
// value and what it does, in the sanitizers' layout.
void print_options_help(std::FILE *out, const Options &current);

} // namespace ag::detail::alias
