//===- aliasguard/Checks.h - the checks and their names ---------*- C++ -*-===//
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <bitset>

namespace aliasguard {

/// Ordered from most to least specific: when one write could be reported by
/// several checks, the first enabled one in this order reports it.
enum class CheckKind : unsigned {
  InplaceReadLater,
  ParamMutation,
  AssignInsteadOfClone,
  ViewMutation,
};
inline constexpr unsigned NumChecks = 4;

llvm::ArrayRef<CheckKind> allChecks();
/// The clang-tidy style name, e.g. "aliasguard-view-mutation".
llvm::StringRef checkName(CheckKind Kind);

class CheckSet {
public:
  static CheckSet all() { return CheckSet().setAll(); }
  CheckSet &setAll() { Bits.set(); return *this; }
  void set(CheckKind K, bool On = true) { Bits.set(unsigned(K), On); }
  bool has(CheckKind K) const { return Bits.test(unsigned(K)); }
  bool none() const { return Bits.none(); }

private:
  std::bitset<NumChecks> Bits;
};

} // namespace aliasguard
