//===- aliasguard/Checks.h - the checks and their names ---------*- C++ -*-===//
//
// Everything here is generated from Checks.def, the one table of checks.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include "llvm/Support/Error.h"

#include <bitset>
#include <optional>
#include <string>

namespace aliasguard {

/// In the table's order, which is the specificity order: when one write could
/// be reported by several checks, the first enabled one reports it.
enum class CheckKind : unsigned {
#define AG_CHECK(Id, Name, Summary, Description, RuntimeDescription) Id,
#include "aliasguard/Checks.def"
};
inline constexpr unsigned NumChecks = 0
#define AG_CHECK(Id, Name, Summary, Description, RuntimeDescription) +1
#include "aliasguard/Checks.def"
    ;

llvm::ArrayRef<CheckKind> allChecks();
/// The clang-tidy style name, e.g. "aliasguard-view-mutation" (also the SARIF
/// rule id and the name of the check's page in docs/checks/).
llvm::StringRef checkName(CheckKind Kind);
/// Without the prefix, e.g. "view-mutation": the checked runtime's kind.
llvm::StringRef checkShortName(CheckKind Kind);
/// The check named \p Name (with or without the "aliasguard-" prefix).
std::optional<CheckKind> checkByName(llvm::StringRef Name);
/// One-line description of a check (SARIF shortDescription).
llvm::StringRef checkSummary(CheckKind Kind);
/// A paragraph describing a check (SARIF fullDescription / help text).
llvm::StringRef checkDescription(CheckKind Kind);

class CheckSet {
public:
  static CheckSet all() { return CheckSet().setAll(); }
  CheckSet &setAll() {
    Bits.set();
    return *this;
  }
  void set(CheckKind K, bool On = true) { Bits.set(unsigned(K), On); }
  bool has(CheckKind K) const { return Bits.test(unsigned(K)); }
  bool none() const { return Bits.none(); }
  bool operator==(const CheckSet &O) const { return Bits == O.Bits; }

private:
  std::bitset<NumChecks> Bits;
};

/// What is wrong with one glob of a `Checks` list (without its leading '-'):
/// bad syntax, or it matches no check - a typo must not silently disable
/// or skip a check. None when it is fine. \p Where (" in 'Checks'") goes
/// after the glob in the message.
std::optional<std::string> checkGlobProblem(llvm::StringRef Glob, llvm::StringRef Where = "");

/// Applies clang-tidy style globs ("-*,aliasguard-view-*") in order to
/// \p Set: the last glob that matches a check decides. Fails on the first
/// glob checkGlobProblem() objects to.
llvm::Expected<CheckSet> applyCheckGlobs(llvm::StringRef Spec, CheckSet Set = CheckSet());

} // namespace aliasguard
