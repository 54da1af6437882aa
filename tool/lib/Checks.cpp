//===- Checks.cpp - names and texts of the checks, from Checks.def --------===//
#include "aliasguard/Checks.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/GlobPattern.h"

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

std::optional<std::string> checkGlobProblem(StringRef Glob, StringRef Where) {
  Expected<GlobPattern> Pattern = GlobPattern::create(Glob);
  if (!Pattern)
    return "invalid glob '" + Glob.str() + "'" + Where.str() + ": " + toString(Pattern.takeError());
  for (CheckKind K : allChecks())
    if (Pattern->match(checkName(K)))
      return std::nullopt;
  if (Glob.find_first_of("*?[") != StringRef::npos)
    return "'" + Glob.str() + "'" + Where.str() + " matches no aliasguard check";
  std::string Problem = "unknown check '" + Glob.str() + "'" + Where.str();
  // The closest name, when it is close enough to be the one meant.
  StringRef Best;
  unsigned BestDistance = 0;
  for (CheckKind K : allChecks())
    for (StringRef Name : {checkName(K), checkShortName(K)}) {
      unsigned D = Glob.edit_distance(Name, /*AllowReplacements=*/true, /*MaxEditDistance=*/5);
      if (D <= 5 && (Best.empty() || D < BestDistance)) {
        Best = checkName(K);
        BestDistance = D;
      }
    }
  if (!Best.empty())
    Problem += " (did you mean '" + Best.str() + "'?)";
  return Problem;
}

Expected<CheckSet> applyCheckGlobs(StringRef Spec, CheckSet Set) {
  SmallVector<StringRef, 4> Globs;
  Spec.split(Globs, ',', -1, /*KeepEmpty=*/false);
  for (StringRef Glob : Globs) {
    Glob = Glob.trim();
    bool Enable = !Glob.consume_front("-");
    if (Glob.empty())
      continue;
    if (std::optional<std::string> Problem = checkGlobProblem(Glob))
      return createStringError(inconvertibleErrorCode(), *Problem);
    GlobPattern Pattern = cantFail(GlobPattern::create(Glob));
    for (CheckKind K : allChecks())
      if (Pattern.match(checkName(K)))
        Set.set(K, Enable);
  }
  return Set;
}

} // namespace aliasguard
