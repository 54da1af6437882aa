//===- DiscardedResult.cpp - aliasguard-discarded-result ------------------===//
//
// `x.clamp(0, 1);`, `x.to(torch::kLong);`, `t.squeeze(0);`: a functional op
// (it returns a new tensor, or a view, and writes nothing) used as a
// statement. The result is thrown away and `x` is unchanged; the in-place
// twin (`clamp_`) or an assignment (`x = x.clamp(0, 1)`) was meant. Which ops
// are functional comes from the model (ApiModel::isFunctional: LibTorch's
// schemas, the table for ag). Found from the AST (checks/Syntactic.h).
//
//===----------------------------------------------------------------------===//
#include "CheckUtil.h"
#include "Syntactic.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;
using namespace llvm;

namespace aliasguard {

namespace {

/// The statement's expression without what the compiler wraps around a
/// discarded temporary (cleanups, bound temporaries, parentheses). An
/// explicit `(void)` cast stays: it says the discard is meant.
const Expr *spelledExpr(const Stmt *S) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  while (E) {
    const Expr *Inner = E->IgnoreImplicit()->IgnoreParens();
    if (Inner == E)
      break;
    E = Inner;
  }
  return E;
}

/// A method of the same record named \p Name taking the same parameters as
/// \p MD: the in-place twin `clamp_` of `clamp`.
bool hasTwinMethod(const CXXMethodDecl &MD, StringRef Name, ASTContext &Ctx) {
  for (const NamedDecl *ND : MD.getParent()->lookup(&Ctx.Idents.get(Name))) {
    const auto *Twin = dyn_cast<CXXMethodDecl>(ND);
    if (!Twin || Twin->getNumParams() != MD.getNumParams())
      continue;
    bool Same = true;
    for (unsigned I = 0; I < MD.getNumParams() && Same; ++I)
      Same = Ctx.hasSameType(Twin->getParamDecl(I)->getType(), MD.getParamDecl(I)->getType());
    if (Same)
      return true;
  }
  return false;
}

/// `torch::relu_` for `torch::relu`: a function of the same namespace with as
/// many parameters whose first parameter is a tensor.
bool hasTwinFunction(const FunctionDecl &FD, StringRef Name, ASTContext &Ctx) {
  for (const NamedDecl *ND : FD.getDeclContext()->lookup(&Ctx.Idents.get(Name)))
    if (const auto *Twin = dyn_cast<FunctionDecl>(ND->getUnderlyingDecl()))
      if (Twin->getNumParams() == FD.getNumParams())
        return true;
  return false;
}

class DiscardFinder : public RecursiveASTVisitor<DiscardFinder> {
public:
  DiscardFinder(const FunctionDecl &FD, ASTContext &Ctx, const ApiModel &Model,
                std::vector<Finding> &Out)
      : FD(FD), Ctx(Ctx), SM(Ctx.getSourceManager()), Model(Model), Out(Out) {}

  // A local class's methods are functions of their own (reported as such).
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }

  bool VisitCompoundStmt(CompoundStmt *CS) {
    for (Stmt *S : CS->body())
      statement(S);
    return true;
  }
  bool VisitIfStmt(IfStmt *S) {
    statement(S->getThen());
    statement(S->getElse());
    return true;
  }
  bool VisitForStmt(ForStmt *S) { return statement(S->getBody()), true; }
  bool VisitWhileStmt(WhileStmt *S) { return statement(S->getBody()), true; }
  bool VisitDoStmt(DoStmt *S) { return statement(S->getBody()), true; }
  bool VisitCXXForRangeStmt(CXXForRangeStmt *S) { return statement(S->getBody()), true; }

private:
  void statement(const Stmt *S) {
    while (S) {
      if (const auto *SC = dyn_cast<SwitchCase>(S))
        S = SC->getSubStmt();
      else if (const auto *L = dyn_cast<LabelStmt>(S))
        S = L->getSubStmt();
      else if (const auto *A = dyn_cast<AttributedStmt>(S))
        S = A->getSubStmt();
      else
        break;
    }
    const auto *Call = dyn_cast_or_null<CallExpr>(spelledExpr(S));
    if (!Call || isa<CXXOperatorCallExpr>(Call) || Call->getBeginLoc().isMacroID() ||
        Call->getExprLoc().isMacroID())
      return;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Model.isFunctional(*Callee))
      return;
    report(*Call, *Callee, cast<Stmt>(S));
  }

  void report(const CallExpr &Call, const FunctionDecl &Callee, const Stmt *Statement) {
    StringRef Op = Callee.getName();
    const Expr *Object = nullptr;
    const TypeModel *Type = nullptr;
    std::optional<std::string> Twin;
    std::string TwinName = (Op + "_").str();
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(&Call)) {
      Object = MCE->getImplicitObjectArgument();
      const auto *MD = cast<CXXMethodDecl>(&Callee);
      Type = Model.typeOf(QualType(MD->getParent()->getTypeForDecl(), 0));
      if (Type && Model.isInplaceOp(*Type, TwinName) && hasTwinMethod(*MD, TwinName, Ctx))
        Twin = TwinName;
    } else {
      Object = Call.getNumArgs() ? Call.getArg(0) : nullptr;
      Type = Object ? Model.typeOf(Object->getType()) : nullptr;
      if (Type && Model.isInplaceOp(*Type, TwinName) && hasTwinFunction(Callee, TwinName, Ctx))
        Twin = TwinName;
    }
    const VarDecl *Var = nullptr;
    if (const auto *DRE =
            dyn_cast_or_null<DeclRefExpr>(Object ? Object->IgnoreParenImpCasts() : nullptr))
      Var = dyn_cast<VarDecl>(DRE->getDecl());

    Finding F;
    F.Check = CheckKind::DiscardedResult;
    F.Loc = Call.getExprLoc();
    F.Message = "the result of " + quoted(Op) + " is discarded: " + quoted(Op) +
                " returns a new tensor and " +
                (Var ? "leaves " + quoted(Var->getName()) + " unchanged"
                     : std::string("does not change its operand"));
    if (Twin)
      F.Message += "; " + quoted(*Twin) + " is its in-place form";
    else if (Var)
      F.Message += "; assign the result to keep it";

    if (Twin && Var) {
      SourceLocation NameEnd =
          Lexer::getLocForEndOfToken(Call.getExprLoc(), 0, SM, Ctx.getLangOpts());
      if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(&Call))
        if (const auto *ME = dyn_cast<MemberExpr>(MCE->getCallee()->IgnoreParens()))
          NameEnd = Lexer::getLocForEndOfToken(ME->getMemberLoc(), 0, SM, Ctx.getLangOpts());
      if (const auto *DRE = dyn_cast<DeclRefExpr>(Call.getCallee()->IgnoreParenImpCasts()))
        NameEnd = Lexer::getLocForEndOfToken(DRE->getLocation(), 0, SM, Ctx.getLangOpts());
      if (NameEnd.isValid())
        F.FixIts.push_back(FixItHint::CreateInsertion(NameEnd, "_"));
    } else if (Var && Type && isa<CXXMemberCallExpr>(Call) && reshapes(*Type, Op) &&
               assignable(*Var, Call.getType())) {
      F.FixIts.push_back(
          FixItHint::CreateInsertion(Call.getBeginLoc(), (Var->getName() + " = ").str()));
    }
    if (Var)
      if (const DeclRefExpr *Next = nextUse(*Var, Statement->getEndLoc()))
        F.Notes.push_back(
            {Next->getLocation(), quoted(Var->getName()) + " is used here with its old value"});
    Out.push_back(std::move(F));
  }

  /// A conversion, the model's may-views (`to`, `contiguous`, `reshape`,
  /// `cpu`): the same values in another form, which `x = x.op(...)`
  /// plausibly wanted. A reduction (`sum`) or a selection (`index`,
  /// `narrow`) is a different value: no assignment is offered.
  bool reshapes(const TypeModel &Type, StringRef Op) const {
    // ATen's `index` is a may-view only because tensor indices copy: it
    // selects, it does not convert.
    return Model.methodEffect(Type, Op) == Effect::MayView && Op != "index";
  }

  /// `x = x.clamp(0, 1)` is right only for a plain local or by-value
  /// parameter of the result's type (not a reference: that would rebind
  /// the caller's tensor; not const).
  bool assignable(const VarDecl &Var, QualType Result) const {
    QualType T = Var.getType();
    if (!Var.hasLocalStorage() || T->isReferenceType() || T.isConstQualified())
      return false;
    return Ctx.hasSameUnqualifiedType(T, Result);
  }

  /// The first use of \p Var after \p After in the function, unless it
  /// assigns a new value.
  const DeclRefExpr *nextUse(const VarDecl &Var, SourceLocation After) const {
    struct Finder : RecursiveASTVisitor<Finder> {
      const VarDecl *Var;
      SourceLocation After;
      const SourceManager *SM;
      const DeclRefExpr *Best = nullptr;
      bool VisitDeclRefExpr(DeclRefExpr *DRE) {
        SourceLocation L = DRE->getLocation();
        if (DRE->getDecl() != Var || L.isMacroID() || !SM->isBeforeInTranslationUnit(After, L))
          return true;
        if (!Best || SM->isBeforeInTranslationUnit(L, Best->getLocation()))
          Best = DRE;
        return true;
      }
    } Find;
    Find.Var = &Var;
    Find.After = After;
    Find.SM = &SM;
    Find.TraverseStmt(FD.getBody());
    if (!Find.Best)
      return nullptr;
    // `x = ...` is not a use of the old value. The body's own parent map:
    // ASTContext::getParents would map the whole translation unit.
    ParentMap Parents(FD.getBody());
    if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Parents.getParent(Find.Best)))
      if (Op->getOperator() == OO_Equal && Op->getArg(0)->IgnoreParenImpCasts() == Find.Best)
        return nullptr;
    return Find.Best;
  }

  const FunctionDecl &FD;
  ASTContext &Ctx;
  const SourceManager &SM;
  const ApiModel &Model;
  std::vector<Finding> &Out;
};

} // namespace

void findDiscardedResult(const FunctionDecl &FD, ASTContext &Ctx, const ApiModel &Model,
                         std::vector<Finding> &Out) {
  if (!FD.hasBody())
    return;
  DiscardFinder(FD, Ctx, Model, Out).TraverseStmt(FD.getBody());
}

} // namespace aliasguard
