//===- Checks.cpp - names and texts of the checks, from Checks.def --------===//
#include "aliasguard/Checks.h"

using namespace llvm;

namespace aliasguard {

namespace {
struct CheckRow {
  CheckKind Kind;
  StringLiteral FullName;
  StringLiteral Summary;
  StringLiteral Description;
};
constexpr CheckRow Rows[] = {
#define AG_CHECK(Id, Name, Summary, Description, RuntimeDescription)                               \
  {CheckKind::Id, "aliasguard-" Name, Summary, Description},
#include "aliasguard/Checks.def"
};
constexpr CheckKind Kinds[] = {
#define AG_CHECK(Id, Name, Summary, Description, RuntimeDescription) CheckKind::Id,
#include "aliasguard/Checks.def"
};
static_assert(std::size(Rows) == NumChecks);

const CheckRow &row(CheckKind Kind) { return Rows[unsigned(Kind)]; }
} // namespace

ArrayRef<CheckKind> allChecks() { return Kinds; }
StringRef checkName(CheckKind Kind) { return row(Kind).FullName; }
StringRef checkShortName(CheckKind Kind) {
  return checkName(Kind).drop_front(StringRef("aliasguard-").size());
}
StringRef checkSummary(CheckKind Kind) { return row(Kind).Summary; }
StringRef checkDescription(CheckKind Kind) { return row(Kind).Description; }

std::optional<CheckKind> checkByName(StringRef Name) {
  for (CheckKind K : allChecks())
    if (Name == checkName(K) || Name == checkShortName(K))
      return K;
  return std::nullopt;
}

} // namespace aliasguard
