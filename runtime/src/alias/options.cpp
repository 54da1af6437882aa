#include "options.h"

#include <cctype>
#include <charconv>
#include <string>
#include <system_error>

namespace ag::detail::alias {

namespace {

constexpr std::string_view kKnownOptions =
    "enabled, mode, halt_on_error, log_path, suppressions, report_views, exitcode, "
    "print_summary, symbolizer_path";

bool is_separator(char c) {
  return c == ':' || c == ',' || std::isspace(static_cast<unsigned char>(c));
}

std::string quoted(std::string_view s) {
  std::string text;
  text.reserve(s.size() + 2);
  text.append(1, '\'').append(s).append(1, '\'');
  return text;
}

bool parse_bool(std::string_view key, std::string_view value, bool &out, std::string &error) {
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

bool parse_exit_code(std::string_view key, std::string_view value, int &out,
                     std::string &error) {
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

bool apply(std::string_view key, std::string_view value, Options &o, std::string &error) {
  if (key == "enabled")
    return parse_bool(key, value, o.enabled, error);
  if (key == "halt_on_error")
    return parse_bool(key, value, o.halt_on_error, error);
  if (key == "report_views")
    return parse_bool(key, value, o.report_views, error);
  if (key == "print_summary")
    return parse_bool(key, value, o.print_summary, error);
  if (key == "exitcode")
    return parse_exit_code(key, value, o.exitcode, error);
  if (key == "log_path") {
    o.log_path = value;
    return true;
  }
  if (key == "suppressions") {
    o.suppressions = value;
    return true;
  }
  if (key == "symbolizer_path") {
    o.symbolizer_path = value;
    return true;
  }
  if (key == "mode") {
    if (value == "report") {
      o.mode = Options::Mode::Report;
      return true;
    }
    if (value == "abort") {
      o.mode = Options::Mode::Abort;
      return true;
    }
    error = "option 'mode' expects 'report' or 'abort', got " + quoted(value);
    return false;
  }
  error = "unknown option " + quoted(key) + " (known: " + std::string(kKnownOptions) + ")";
  return false;
}

} // namespace

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
