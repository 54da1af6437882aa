// The checked runtimes' report kinds: the static checks' table
// (tool/include/aliasguard/Checks.def) without the "aliasguard-" prefix, so a
// kind in a report, a suppressions file and a check name always agree.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ag::detail::alias {

enum class ReportKind : uint8_t {
#define AG_CHECK(Id, Name, Summary, Description, RuntimeDescription) Id,
#include "aliasguard/Checks.def"
};

struct ReportKindInfo {
  ReportKind kind;
  std::string_view name;        // "view-mutation"
  std::string_view description; // what a report says after the kind
};

// In the table's order (its specificity order).
inline constexpr std::array kReportKinds = {
#define AG_CHECK(Id, Name, Summary, Description, RuntimeDescription)                           \
  ReportKindInfo{ReportKind::Id, Name, RuntimeDescription},
#include "aliasguard/Checks.def"
};

constexpr const ReportKindInfo &kind_info(ReportKind kind) {
  return kReportKinds[static_cast<size_t>(kind)];
}
constexpr std::string_view kind_name(ReportKind kind) { return kind_info(kind).name; }

// Only kinds a run-time report can have (those with a RuntimeDescription).
inline std::optional<ReportKind> parse_report_kind(std::string_view name) {
  for (const ReportKindInfo &k : kReportKinds)
    if (k.name == name && !k.description.empty())
      return k.kind;
  return std::nullopt;
}

// "a, b, c" of the run-time kinds, for error messages.
inline std::string report_kind_list() {
  std::string list;
  for (const ReportKindInfo &k : kReportKinds)
    if (!k.description.empty())
      list.append(list.empty() ? "" : ", ").append(k.name);
  return list;
}

} // namespace ag::detail::alias
