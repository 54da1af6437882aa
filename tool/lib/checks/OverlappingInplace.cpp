//===- OverlappingInplace.cpp - aliasguard-overlapping-inplace ------------===//
//
// An in-place op whose operand is a view of its destination at another
// offset: `a.sub_(a[0])` (row 0 broadcast over the rows it is part of),
// `a -= a.slice(1, 0, 1)`, `a.slice(0, 1).copy_(a.slice(0, 0, -1))`,
// `a.add_(a.t())`. The op reads elements it has already overwritten, or not,
// depending on the iteration order, vectorisation and thread count. And an
// in-place write into an `expand`ed tensor, whose elements share memory.
//
// Found from the AST (checks/Syntactic.h): both sides are walked down their
// chain of view ops to a variable (through locals initialised with a view
// and never reassigned). Only provable overlaps are reported: the same
// elements seen through the identical view are fine (`a.add_(a)`); ranges
// and indices are compared when they are constants on the same dimension
// (for a tensor large enough that the ranges are not empty), else nothing
// is said.
//
//===----------------------------------------------------------------------===//
#include "CheckUtil.h"
#include "Syntactic.h"
#include "analysis/ViewRange.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ODRHash.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/FoldingSet.h"

using namespace clang;
using namespace llvm;

namespace aliasguard {

namespace {

/// One view op on the way from a variable to an expression.
struct Step {
  const Expr *Call; ///< the call (or operator[])
  StringRef Op;
  SmallVector<const Expr *, 4> Args;
};

struct Chain {
  const ValueDecl *Root = nullptr;
  SmallVector<Step, 4> Steps; ///< from the root outwards
};

class OverlapFinder : public RecursiveASTVisitor<OverlapFinder> {
public:
  OverlapFinder(const FunctionDecl &FD, ASTContext &Ctx, const ApiModel &Model,
                std::vector<Finding> &Out)
      : FD(FD), Ctx(Ctx), SM(Ctx.getSourceManager()), Model(Model), Out(Out) {
    collectAssigned();
  }

  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *E) {
    const CXXMethodDecl *MD = E->getMethodDecl();
    const Expr *Obj = E->getImplicitObjectArgument();
    if (!MD || !MD->getIdentifier() || !Obj)
      return true;
    const TypeModel *TM = Model.typeOf(Obj->getType());
    if (TM && Model.methodEffect(*TM, MD->getName()) == Effect::Write)
      check(E, MD->getName(), Obj, ArrayRef(E->getArgs(), E->getNumArgs()));
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *E) {
    const auto *MD = dyn_cast_or_null<CXXMethodDecl>(E->getCalleeDecl());
    if (!MD || E->getNumArgs() != 2 || !Model.typeOf(E->getArg(0)->getType()))
      return true;
    std::string Name = MD->getNameAsString();
    if (Model.library().CompoundAssignments.contains(Name))
      check(E, Name, E->getArg(0), ArrayRef(E->getArgs() + 1, 1));
    return true;
  }

private:
  // --- the chains -----------------------------------------------------------

  /// A local variable that is never assigned after its initialisation (nor
  /// passed where it could be): its initialiser is what it holds.
  void collectAssigned() {
    struct Finder : RecursiveASTVisitor<Finder> {
      DenseSet<const ValueDecl *> &Assigned;
      explicit Finder(DenseSet<const ValueDecl *> &A) : Assigned(A) {}
      void mark(const Expr *E) {
        if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
          Assigned.insert(DRE->getDecl());
      }
      bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *E) {
        if (E->getOperator() == OO_Equal && E->getNumArgs() > 0)
          mark(E->getArg(0));
        return true;
      }
      bool VisitBinaryOperator(BinaryOperator *E) {
        if (E->isAssignmentOp())
          mark(E->getLHS());
        return true;
      }
      bool VisitCallExpr(CallExpr *E) {
        const FunctionDecl *Callee = E->getDirectCallee();
        unsigned Shift = isa<CXXOperatorCallExpr>(E) && isa_and_nonnull<CXXMethodDecl>(Callee);
        for (unsigned I = Shift; I < E->getNumArgs(); ++I) {
          unsigned P = I - Shift;
          if (!Callee || P >= Callee->getNumParams()) {
            mark(E->getArg(I));
            continue;
          }
          QualType T = Callee->getParamDecl(P)->getType();
          if (T->isReferenceType() && !T.getNonReferenceType().isConstQualified())
            mark(E->getArg(I));
        }
        return true;
      }
      bool VisitUnaryOperator(UnaryOperator *E) {
        if (E->getOpcode() == UO_AddrOf)
          mark(E->getSubExpr());
        return true;
      }
    } F(Assigned);
    F.TraverseStmt(FD.getBody());
  }

  /// Walks \p E down its view ops to a variable; an empty root when
  /// something else (a copy, a call, a may-view) is in the way.
  Chain chainOf(const Expr *E, unsigned Depth = 0) const {
    Chain C;
    SmallVector<Step, 4> Outer; // outermost first
    while (E && Depth < 8) {
      E = E->IgnoreImplicit()->IgnoreParens();
      if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E)) {
        const CXXMethodDecl *MD = MCE->getMethodDecl();
        const Expr *Obj = MCE->getImplicitObjectArgument();
        const TypeModel *TM = Obj ? Model.typeOf(Obj->getType()) : nullptr;
        if (!MD || !MD->getIdentifier() || !TM ||
            Model.methodEffect(*TM, MD->getName()) != Effect::View)
          return {};
        Outer.push_back({MCE, MD->getName(), {MCE->arg_begin(), MCE->arg_end()}});
        E = Obj;
        continue;
      }
      if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E)) {
        if (OCE->getOperator() != OO_Subscript || OCE->getNumArgs() != 2 ||
            !Model.typeOf(OCE->getArg(0)->getType()) ||
            !OCE->getArg(1)->getType()->isIntegralOrEnumerationType())
          return {};
        Outer.push_back({OCE, "operator[]", {OCE->getArg(1)}});
        E = OCE->getArg(0);
        continue;
      }
      if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
        const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
        if (!VD)
          return {};
        // A local initialised with a view of another, never reassigned.
        if (VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) && VD->getInit() &&
            !Assigned.contains(VD)) {
          Chain Inner = chainOf(VD->getInit(), Depth + 1);
          if (Inner.Root && !Assigned.contains(Inner.Root)) {
            C = std::move(Inner);
            break;
          }
        }
        C.Root = VD;
        break;
      }
      if (const auto *ME = dyn_cast<MemberExpr>(E);
          ME && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())) {
        C.Root = ME->getMemberDecl();
        break;
      }
      return {};
    }
    if (!C.Root)
      return {};
    C.Steps.append(Outer.rbegin(), Outer.rend());
    return C;
  }

  bool sameStep(const Step &A, const Step &B) const {
    if (A.Op != B.Op || A.Args.size() != B.Args.size())
      return false;
    for (unsigned I = 0; I < A.Args.size(); ++I) {
      llvm::FoldingSetNodeID IA, IB;
      A.Args[I]->IgnoreImplicit()->Profile(IA, Ctx, /*Canonical=*/true);
      B.Args[I]->IgnoreImplicit()->Profile(IB, Ctx, /*Canonical=*/true);
      if (IA != IB)
        return false;
    }
    return true;
  }

  // --- ranges ---------------------------------------------------------------

  std::optional<ViewRange> rangeOf(const Step &S) const { return viewRange(S.Op, S.Args, Ctx); }

  /// Whether \p S moves elements to other positions than its base's:
  /// indexing, slicing, transposing, expanding (not a reshape-like view).
  bool shifts(const Step &S) const {
    if (std::optional<ViewRange> R = rangeOf(S))
      return !wholeDimension(*R);
    return S.Op == "operator[]" || S.Op == "select" || S.Op == "slice" || S.Op == "narrow" ||
           S.Op == "index" || S.Op == "diagonal" || S.Op == "unfold" || S.Op == "as_strided" ||
           Model.library().NonContiguousViews.contains(S.Op);
  }

  // --- the check ------------------------------------------------------------

  void check(const Expr *Call, StringRef Op, const Expr *Dest, ArrayRef<const Expr *> Args) {
    if (Call->getExprLoc().isMacroID())
      return;
    Op.consume_front("operator"); // `-=`
    Chain D = chainOf(Dest);
    if (!D.Root)
      return;
    for (const Step &S : D.Steps)
      if (S.Op == "expand" || S.Op == "expand_as") {
        reportExpanded(Call, Op, Dest, S);
        return;
      }
    for (const Expr *Arg : Args) {
      if (!Model.typeOf(Arg->getType()))
        continue;
      Chain A = chainOf(Arg);
      if (A.Root != D.Root)
        continue;
      unsigned Common = 0;
      while (Common < D.Steps.size() && Common < A.Steps.size() &&
             sameStep(D.Steps[Common], A.Steps[Common]))
        ++Common;
      ArrayRef<Step> RD = ArrayRef(D.Steps).drop_front(Common);
      ArrayRef<Step> RA = ArrayRef(A.Steps).drop_front(Common);
      if (RA.empty())
        continue; // the same view (`a.add_(a)`), or the operand is the base
      const Step *Shift = nullptr;
      if (RD.empty()) {
        // The destination is the operand's base: any offset-changing view.
        for (const Step &S : RA)
          if (!Shift && shifts(S))
            Shift = &S;
      } else if (RD.size() == 1 && RA.size() == 1) {
        std::optional<ViewRange> RDest = rangeOf(RD[0]), RArg = rangeOf(RA[0]);
        if (RDest && RArg && overlapElsewhere(*RDest, *RArg, Ctx))
          Shift = &RA[0];
      }
      if (Shift) {
        reportOverlap(Call, Op, Dest, Arg, *Shift);
        return;
      }
    }
  }

  std::string text(const Expr *E) const {
    StringRef T = Lexer::getSourceText(CharSourceRange::getTokenRange(E->getSourceRange()), SM,
                                       Ctx.getLangOpts());
    return T.size() <= 40 && !T.contains('\n') ? T.str() : std::string();
  }

  void reportOverlap(const Expr *Call, StringRef Op, const Expr *Dest, const Expr *Arg,
                     const Step &Shift) {
    std::string D = text(Dest), A = text(Arg);
    Finding F;
    F.Check = CheckKind::OverlappingInplace;
    F.Loc = Call->getExprLoc();
    F.Message = "in-place " + quoted(Op) + " writes " + (D.empty() ? "a tensor" : quoted(D)) +
                " while reading " + (A.empty() ? "an operand" : quoted(A)) +
                ", which overlaps it at other positions: elements may be read after they were "
                "overwritten, depending on the iteration order and the number of threads";
    F.Notes.push_back(
        {Shift.Call->getExprLoc(),
         quoted(Shift.Op) + " makes the operand a view into the written tensor here"});
    Out.push_back(std::move(F));
  }

  void reportExpanded(const Expr *Call, StringRef Op, const Expr *Dest, const Step &Expand) {
    std::string D = text(Dest);
    Finding F;
    F.Check = CheckKind::OverlappingInplace;
    F.Loc = Call->getExprLoc();
    F.Message =
        "in-place " + quoted(Op) + " writes " +
        (D.empty() ? std::string("an expanded tensor") : quoted(D) + ", an expanded tensor") +
        ": its broadcast elements share one memory location, so each is written several "
        "times (LibTorch rejects most such writes at run time)";
    F.Notes.push_back(
        {Expand.Call->getExprLoc(), quoted(Expand.Op) + " repeats elements without copying here"});
    Out.push_back(std::move(F));
  }

  const FunctionDecl &FD;
  ASTContext &Ctx;
  const SourceManager &SM;
  const ApiModel &Model;
  std::vector<Finding> &Out;
  DenseSet<const ValueDecl *> Assigned;
};

} // namespace

void findOverlappingInplace(const FunctionDecl &FD, ASTContext &Ctx, const ApiModel &Model,
                            std::vector<Finding> &Out) {
  if (!FD.hasBody())
    return;
  OverlapFinder(FD, Ctx, Model, Out).TraverseStmt(FD.getBody());
}

} // namespace aliasguard
