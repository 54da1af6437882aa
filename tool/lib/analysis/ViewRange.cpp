//===- analysis/ViewRange.cpp - the elements a view op keeps --------------===//
#include "analysis/ViewRange.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/FoldingSet.h"

using namespace clang;
using namespace llvm;

namespace aliasguard {

namespace {

/// An integer argument as Base + K. The outer optional is empty when the
/// argument is no such thing; the inner one when the argument is absent, a
/// default or `nullopt` (the op's default applies).
struct Linear {
  const Expr *Base = nullptr;
  int64_t K = 0;
};

std::optional<std::optional<Linear>> argument(ArrayRef<const Expr *> Args, unsigned I,
                                              const ASTContext &Ctx) {
  if (I >= Args.size() || isa<CXXDefaultArgExpr>(Args[I]))
    return std::optional<Linear>();
  const Expr *E = Args[I];
  while (true) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
      if (CE->getNumArgs() == 0)
        return std::optional<Linear>(); // std::optional<int64_t>{}
      if (CE->getNumArgs() != 1)
        return std::nullopt;
      E = CE->getArg(0);
      continue;
    }
    break;
  }
  if (E->getType()->isNullPtrType() || (isa<DeclRefExpr>(E) && E->getType()->isRecordType()))
    return std::optional<Linear>(); // c10::nullopt
  if (!E->getType()->isIntegralOrEnumerationType())
    return std::nullopt;
  if (std::optional<APSInt> V = E->getIntegerConstantExpr(Ctx))
    return std::optional<Linear>(Linear{nullptr, V->getExtValue()});
  // `i + 1`, `1 + i`, `i - 1`: one expression and a constant.
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub)) {
    const Expr *L = BO->getLHS()->IgnoreParenImpCasts(), *R = BO->getRHS()->IgnoreParenImpCasts();
    if (std::optional<APSInt> C = R->getIntegerConstantExpr(Ctx))
      return std::optional<Linear>(
          Linear{L, BO->getOpcode() == BO_Add ? C->getExtValue() : -C->getExtValue()});
    if (std::optional<APSInt> C = L->getIntegerConstantExpr(Ctx); C && BO->getOpcode() == BO_Add)
      return std::optional<Linear>(Linear{R, C->getExtValue()});
  }
  return std::optional<Linear>(Linear{E->IgnoreParenImpCasts(), 0});
}

std::optional<int64_t> constant(const std::optional<Linear> &L) {
  if (L && !L->Base)
    return L->K;
  return std::nullopt;
}

Bound at(const Linear &L) {
  if (!L.Base && L.K < 0)
    return Bound{true, nullptr, L.K};
  return Bound{false, L.Base, L.K};
}

bool sameBase(const Expr *A, const Expr *B, const ASTContext &Ctx) {
  if (!A || !B)
    return A == B;
  FoldingSetNodeID IA, IB;
  A->Profile(IA, Ctx, /*Canonical=*/true);
  B->Profile(IB, Ctx, /*Canonical=*/true);
  return IA == IB;
}

/// A < B, when the two positions can be compared at all: the same base (or
/// none), or a constant from the start against one from the end (n large).
std::optional<bool> less(const Bound &A, const Bound &B, const ASTContext &Ctx) {
  if (A.FromEnd != B.FromEnd) {
    if (A.Base || B.Base)
      return std::nullopt;
    return B.FromEnd;
  }
  if (!sameBase(A.Base, B.Base, Ctx))
    return std::nullopt;
  return A.K < B.K;
}

} // namespace

std::optional<ViewRange> viewRange(StringRef Op, ArrayRef<const Expr *> Args,
                                   const ASTContext &Ctx) {
  auto Get = [&](unsigned I) { return argument(Args, I, Ctx); };
  if (Op == "operator[]" || Op == "select") {
    bool Sub = Op == "operator[]";
    std::optional<int64_t> Dim = Sub ? std::optional<int64_t>(0) : std::nullopt;
    if (!Sub)
      if (auto D = Get(0))
        Dim = constant(*D);
    auto Index = Get(Sub ? 0 : 1);
    if (!Dim || !Index || !*Index)
      return std::nullopt;
    Bound B = at(**Index);
    return ViewRange{*Dim, B, Bound{B.FromEnd, B.Base, B.K + 1}, true};
  }
  if (Op == "slice") {
    auto Dim = Get(0), Begin = Get(1), End = Get(2), Step = Get(3);
    if (!Dim || !Begin || !End || !Step || (*Step && constant(*Step) != 1))
      return std::nullopt;
    if (*Dim && !constant(*Dim))
      return std::nullopt;
    return ViewRange{*Dim ? *constant(*Dim) : 0, *Begin ? at(**Begin) : Bound{},
                     *End ? at(**End) : Bound{true, nullptr, 0}, false};
  }
  if (Op == "narrow") {
    auto Dim = Get(0), Begin = Get(1), Length = Get(2);
    if (!Dim || !*Dim || !constant(*Dim) || !Begin || !*Begin || !Length || !*Length ||
        !constant(*Length) || (!(*Begin)->Base && (*Begin)->K < 0))
      return std::nullopt;
    Bound B{false, (*Begin)->Base, (*Begin)->K};
    return ViewRange{*constant(*Dim), B, Bound{false, B.Base, B.K + *constant(*Length)}, false};
  }
  return std::nullopt;
}

bool wholeDimension(const ViewRange &R) {
  return !R.Index && !R.Begin.FromEnd && !R.Begin.Base && R.Begin.K == 0 && R.End.FromEnd &&
         R.End.K == 0;
}

bool disjointRanges(const ViewRange &A, const ViewRange &B, const ASTContext &Ctx) {
  if (A.Dim != B.Dim || A.Dim < 0)
    return false;
  // X <= Y, proven.
  auto AtMost = [&](const Bound &X, const Bound &Y) {
    std::optional<bool> Greater = less(Y, X, Ctx);
    return Greater && !*Greater;
  };
  return AtMost(A.End, B.Begin) || AtMost(B.End, A.Begin);
}

bool overlapElsewhere(const ViewRange &A, const ViewRange &B, const ASTContext &Ctx) {
  if (A.Dim != B.Dim || A.Dim < 0)
    return false;
  std::optional<bool> ABegins = less(A.Begin, B.Begin, Ctx), BBegins = less(B.Begin, A.Begin, Ctx);
  if (!ABegins || !BBegins || (!*ABegins && !*BBegins))
    return false; // not comparable, or aligned: each element meets itself
  std::optional<bool> AEnds = less(A.End, B.End, Ctx);
  if (!AEnds)
    return false;
  const Bound &Lo = *ABegins ? B.Begin : A.Begin;
  const Bound &Hi = *AEnds ? A.End : B.End;
  return less(Lo, Hi, Ctx).value_or(false);
}

} // namespace aliasguard
