#include "options.h"

#include <array>
#include <cctype>
#include <charconv>
#include <string>
#include <system_error>
#include <variant>

namespace ag::detail::alias {

namespace {

using Field = std::variant<bool Options::*, int Options::*, std::string Options::*,
                           Options::Mode Options::*>;

struct Flag {
  std::string_view name;
  Field field;
  std::string_view help;
};

// The one list of options. docs/dynamic.md's table is checked against
// `help=1` (test/dynamic/help.test).
constexpr std::array kFlags = {
    Flag{"enabled", &Options::enabled,
         "Checking on/off (linking a checked runtime or setting AG_ALIAS_OPTIONS turns it on)."},
    Flag{"mode", &Options::mode,
         "report: print each report and go on; abort: print the first one and abort()."},
    Flag{"halt_on_error", &Options::halt_on_error,
         "Exit (with exitcode, or 1 if it is 0) right after the first report."},
    Flag{"log_path", &Options::log_path,
         "Write reports to <log_path>.<pid> instead of stderr."},
    Flag{"suppressions", &Options::suppressions,
         "A suppressions file: one 'kind:pattern' per line, '#' comments."},
    Flag{"report_views", &Options::report_views, "0: do not report view-mutation."},
    Flag{"exitcode", &Options::exitcode,
         "Exit status at exit when anything was reported; 0 keeps the program's own."},
    Flag{"print_summary", &Options::print_summary,
         "Print the last 'N distinct reports' line at exit."},
    Flag{"symbolizer_path", &Options::symbolizer_path,
         "llvm-symbolizer or addr2line to use (default: AG_SYMBOLIZER_PATH, then PATH)."},
    Flag{"help", &Options::help, "Print this list of options at start-up."},
};

std::string known_names() {
  std::string names;
  for (const Flag &f : kFlags)
    names.append(names.empty() ? "" : ", ").append(f.name);
  return names;
}

bool is_separator(char c) {
  return c == ':' || c == ',' || std::isspace(static_cast<unsigned char>(c));
}

std::string quoted(std::string_view s) {
  std::string text;
  text.reserve(s.size() + 2);
  text.append(1, '\'').append(s).append(1, '\'');
  return text;
}

bool parse_value(std::string_view key, std::string_view value, bool &out, std::string &error) {
  std::string lower(value);
  for (char &c : lower)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "1" || lower == "true" || lower == "yes") {
    out = true;
    return true;
  }
  if (lower == "0" || lower == "false" || lower == "no") {
    out = false;
    return true;
  }
  error = "option " + quoted(key) + " expects a boolean (0/1, true/false, yes/no), got " +
          quoted(value);
  return false;
}

// The only integer option is an exit status.
bool parse_value(std::string_view key, std::string_view value, int &out, std::string &error) {
  int parsed = 0;
  const char *end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, parsed);
  if (value.empty() || ec == std::errc::invalid_argument || ptr != end) {
    error = "option " + quoted(key) + " expects an integer, got " + quoted(value);
    return false;
  }
  if (ec == std::errc::result_out_of_range || parsed < 0 || parsed > 255) {
    error = "option " + quoted(key) + " expects an integer in [0, 255], got " + quoted(value);
    return false;
  }
  out = parsed;
  return true;
}

bool parse_value(std::string_view, std::string_view value, std::string &out, std::string &) {
  out = value;
  return true;
}

bool parse_value(std::string_view key, std::string_view value, Options::Mode &out,
                 std::string &error) {
  if (value == "report" || value == "abort") {
    out = value == "report" ? Options::Mode::Report : Options::Mode::Abort;
    return true;
  }
  error = "option " + quoted(key) + " expects 'report' or 'abort', got " + quoted(value);
  return false;
}

std::string_view type_name(const Field &field) {
  switch (field.index()) {
  case 0: return "bool";
  case 1: return "int";
  case 2: return "string";
  default: return "report|abort";
  }
}

std::string value_text(const Field &field, const Options &o) {
  return std::visit(
      [&](auto member) -> std::string {
        const auto &v = o.*member;
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>)
          return v ? "true" : "false";
        else if constexpr (std::is_same_v<T, int>)
          return std::to_string(v);
        else if constexpr (std::is_same_v<T, std::string>)
          return quoted(v);
        else
          return v == Options::Mode::Report ? "report" : "abort";
      },
      field);
}

bool apply(std::string_view key, std::string_view value, Options &o, std::string &error) {
  for (const Flag &f : kFlags)
    if (f.name == key)
      return std::visit([&](auto member) { return parse_value(key, value, o.*member, error); },
                        f.field);
  error = "unknown option " + quoted(key) + " (known: " + known_names() + ")";
  return false;
}

} // namespace

void print_options_help(std::FILE *out, const Options &current) {
  const Options defaults;
  std::fprintf(out, "Available flags for aliasguard (AG_ALIAS_OPTIONS):\n");
  for (const Flag &f : kFlags) {
    std::string name(f.name), help(f.help), type(type_name(f.field));
    std::fprintf(out, "\t%s\n\t\t- %s (%s, default: %s, current: %s)\n", name.c_str(),
                 help.c_str(), type.c_str(), value_text(f.field, defaults).c_str(),
                 value_text(f.field, current).c_str());
  }
  std::fflush(out);
}

bool parse_options(std::string_view text, Options &options, std::string &error) {
  // Parsed into a copy: a bad string leaves the caller's options untouched.
  Options parsed = options;
  size_t i = 0;
  const size_t n = text.size();
  while (true) {
    while (i < n && is_separator(text[i]))
      ++i;
    if (i == n)
      break;
    size_t key_begin = i;
    while (i < n && text[i] != '=' && !is_separator(text[i]))
      ++i;
    std::string_view key = text.substr(key_begin, i - key_begin);
    if (i == n || text[i] != '=') {
      error = "expected 'key=value', got " + quoted(key);
      return false;
    }
    if (key.empty()) {
      size_t end = i;
      while (end < n && !is_separator(text[end]))
        ++end;
      error = "expected 'key=value', got " + quoted(text.substr(key_begin, end - key_begin));
      return false;
    }
    ++i; // '='
    std::string_view value;
    if (i < n && (text[i] == '\'' || text[i] == '"')) {
      // As the sanitizers': a quoted value may hold separators (a log path
      // with ':' or spaces).
      char quote = text[i++];
      size_t close = text.find(quote, i);
      if (close == std::string_view::npos) {
        error = "unterminated " + std::string(quote == '"' ? "double" : "single") +
                " quote in the value of option " + quoted(key);
        return false;
      }
      value = text.substr(i, close - i);
      i = close + 1;
      if (i < n && !is_separator(text[i])) {
        error = "expected a separator after the quoted value of option " + quoted(key);
        return false;
      }
    } else {
      size_t value_begin = i;
      while (i < n && !is_separator(text[i]))
        ++i;
      value = text.substr(value_begin, i - value_begin);
    }
    if (!apply(key, value, parsed, error))
      return false;
  }
  options = std::move(parsed);
  return true;
}

} // namespace ag::detail::alias
