#include "suppressions.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <string>
#include <system_error>

namespace ag::detail::alias {

namespace {

std::string_view trim(std::string_view s) {
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
  };
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

// Whole-string glob: '*' any run (possibly empty), '?' any one character.
// Greedy with backtracking to the last '*': linear in practice, O(n*m) worst.
bool glob_match(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0;
  size_t star = std::string_view::npos, star_text = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_text = t;
    } else if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

std::string_view basename(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// "ns::f(int) const" -> "ns::f", "ns::X::operator()(int)" -> "ns::X::operator()":
// the demangled name without its parameter list, so that a rule can name a
// function without spelling its signature. Unchanged when there is none.
std::string_view without_parameters(std::string_view function) {
  size_t close = function.rfind(')');
  if (close == std::string_view::npos)
    return function;
  int depth = 0;
  for (size_t i = close + 1; i-- > 0;) {
    if (function[i] == ')')
      ++depth;
    else if (function[i] == '(' && --depth == 0)
      return i == 0 ? function : function.substr(0, i);
  }
  return function;
}

} // namespace

bool Suppressions::parse(std::string_view text, std::string_view origin, std::string &error) {
  // Parsed into a scratch list: a file with an error adds no rule at all.
  std::vector<Rule> rules;
  size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    line = trim(line);
    if (line.empty() || line.front() == '#')
      continue;
    auto where = [&] { return std::string(origin) + ":" + std::to_string(line_number) + ": "; };
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      error = where() + "expected 'kind:pattern', got '" + std::string(line) + "'";
      return false;
    }
    std::string_view kind = trim(line.substr(0, colon));
    std::string_view pattern = trim(line.substr(colon + 1));
    std::optional<ReportKind> parsed = parse_report_kind(kind);
    if (!parsed && kind != "*") {
      error = where() + "unknown kind '" + std::string(kind) + "' (expected " +
              report_kind_list() + " or *)";
      return false;
    }
    if (pattern.empty()) {
      error = where() + "empty pattern after '" + std::string(kind) + ":'";
      return false;
    }
    rules.push_back({parsed, std::string(pattern)});
  }
  rules_.insert(rules_.end(), std::make_move_iterator(rules.begin()),
                std::make_move_iterator(rules.end()));
  return true;
}

bool Suppressions::load(const std::string &path, std::string &error) {
  std::FILE *file = std::fopen(path.c_str(), "rb");
  if (!file) {
    error = path + ": cannot open suppressions file: " +
            std::generic_category().message(errno);
    return false;
  }
  std::string text;
  std::array<char, 4096> buffer;
  size_t got;
  while ((got = std::fread(buffer.data(), 1, buffer.size(), file)) > 0)
    text.append(buffer.data(), got);
  bool failed = std::ferror(file);
  int saved_errno = errno;
  std::fclose(file);
  if (failed) {
    error = path + ": cannot read suppressions file: " +
            std::generic_category().message(saved_errno);
    return false;
  }
  return parse(text, path, error);
}

bool Suppressions::matches(ReportKind kind, const std::vector<Frame> &frames) const {
  for (const Rule &rule : rules_) {
    if (rule.kind && *rule.kind != kind)
      continue;
    for (const Frame &frame : frames) {
      auto match = [&](std::string_view candidate) {
        return glob_match(rule.pattern, candidate);
      };
      if (!frame.function.empty() &&
          (match(frame.function) || match(without_parameters(frame.function))))
        return true;
      if (frame.file.empty())
        continue;
      std::string_view base = basename(frame.file);
      if (match(frame.file) || match(base))
        return true;
      if (frame.line != 0) {
        std::string line = std::to_string(frame.line);
        std::string with_line = frame.file;
        with_line.append(1, ':').append(line);
        if (match(with_line))
          return true;
        with_line.assign(base).append(1, ':').append(line);
        if (match(with_line))
          return true;
      }
    }
  }
  return false;
}

} // namespace ag::detail::alias
