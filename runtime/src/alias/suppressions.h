// Suppressions files, in the sanitizers' format: one `kind:pattern` per line,
// '#' comments, surrounding whitespace ignored. `kind` is a report kind
// (report_kind.h) or `*`; `pattern` is a glob (`*` any run, `?` one char)
// that must match the whole of one of a frame's: demangled function name
// ("ns::f(int)"), that name without its parameter list ("ns::f"), file path,
// file basename, "path:line" or "basename:line". The frames are those of the
// sites of a report (read, write, alias).
#pragma once

#include "report_kind.h"
#include "symbolize.h"

#include <optional>

#include <string>
#include <string_view>
#include <vector>

namespace ag::detail::alias {

class Suppressions {
public:
  // Reads a file; false with `error` ("<path>:<line>: ...") on a missing file
  // or a malformed line.
  bool load(const std::string &path, std::string &error);
  // Parses text (for tests and load()); `origin` names it in errors. Rules
  // add to those already loaded; text with an error adds none.
  bool parse(std::string_view text, std::string_view origin, std::string &error);
  // True when a rule of `kind` (or `*`) matches any of the frames.
  bool matches(ReportKind kind, const std::vector<Frame> &frames) const;
  bool empty() const { return rules_.empty(); }

private:
  struct Rule {
    std::optional<ReportKind> kind; // none: `*`
    std::string pattern;
  };
  std::vector<Rule> rules_;
};

} // namespace ag::detail::alias
