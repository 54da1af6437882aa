//===- DanglingFromBlob.cpp - aliasguard-dangling-from-blob ---------------===//
//
// `from_blob` makes a tensor over memory it does not own. It dangles when
// the tensor outlives the buffer:
//   float buf[4]; ... return torch::from_blob(buf, {4});          // returned
//   std::vector<float> v = ...; member_ = torch::from_blob(v.data(), ...);
//   auto t = torch::from_blob(make_vector().data(), ...);          // temporary
// or when the buffer moves under it:
//   auto t = torch::from_blob(v.data(), ...); v.push_back(x); use(t);
// The buffer is a local array, a local std::vector / std::array (`.data()`,
// `&v[0]`), or a temporary's data. Found from the AST (checks/Syntactic.h):
// the tensor is followed through view ops (not through clone(), to() or
// arithmetic, which copy) to a return, a member, a reference parameter, or a
// local tensor variable that is returned or stored.
//
//===----------------------------------------------------------------------===//
#include "CheckUtil.h"
#include "Syntactic.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;
using namespace llvm;

namespace aliasguard {

namespace {

/// `from_blob` in `torch::from_blob(...)`.
std::string nameOf(const CallExpr &Call) {
  const FunctionDecl *FD = Call.getDirectCallee();
  return quoted(FD && FD->getIdentifier() ? FD->getName() : "from_blob");
}

SourceLocation nameLoc(const CallExpr &Call) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Call.getCallee()->IgnoreParenImpCasts()))
    return DRE->getLocation();
  return Call.getExprLoc();
}

bool isStdClass(QualType T, StringRef Name) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getName() == Name;
}

/// The buffer a from_blob pointer argument points into.
struct Buffer {
  const VarDecl *Var = nullptr;    ///< a local array or vector
  const Expr *Temporary = nullptr; ///< `make().data()`
  bool Growable = false;           ///< a std::vector (may reallocate)
};

class BlobFinder : public RecursiveASTVisitor<BlobFinder> {
public:
  BlobFinder(const FunctionDecl &FD, ASTContext &Ctx, const ApiModel &Model,
             std::vector<Finding> &Out)
      : FD(FD), Ctx(Ctx), SM(Ctx.getSourceManager()), Model(Model), Out(Out),
        Parents(FD.getBody()) {}

  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  // A lambda's body is another function: its locals are not this one's.
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }

  bool VisitCallExpr(CallExpr *E) {
    const FunctionDecl *Callee = E->getDirectCallee();
    if (!Callee || E->getNumArgs() == 0 || E->getBeginLoc().isMacroID() ||
        Model.functionEffect(*Callee) != FunctionEffect::ViewOfBuffer)
      return true;
    std::optional<Buffer> B = bufferOf(E->getArg(0));
    if (!B)
      return true;
    followResult(*E, *B);
    return true;
  }

private:
  /// The local buffer (or temporary) \p E points into, if any.
  std::optional<Buffer> bufferOf(const Expr *E) const {
    E = E->IgnoreParenCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenImpCasts(); // &v[0], &buf[0]
    Buffer B;
    const Expr *Object = nullptr;
    if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E))
      E = ASE->getBase()->IgnoreParenImpCasts();
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E);
        OCE && OCE->getOperator() == OO_Subscript)
      Object = OCE->getArg(0);
    else if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E);
             MCE && MCE->getMethodDecl() && MCE->getMethodDecl()->getName() == "data")
      Object = MCE->getImplicitObjectArgument();
    if (Object) {
      QualType T = Object->getType();
      bool Vector = isStdClass(T, "vector");
      if (!Vector && !isStdClass(T, "array"))
        return std::nullopt;
      B.Growable = Vector;
      const Expr *O = Object->IgnoreParenImpCasts();
      if (const auto *DRE = dyn_cast<DeclRefExpr>(O)) {
        B.Var = dyn_cast<VarDecl>(DRE->getDecl());
      } else if (O->isPRValue() || isa<MaterializeTemporaryExpr>(O) ||
                 isa<CXXBindTemporaryExpr>(O)) {
        B.Temporary = O;
        return B;
      }
    } else if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (!VD || !VD->getType()->isArrayType())
        return std::nullopt;
      B.Var = VD;
    }
    if (!B.Var || !B.Var->hasLocalStorage() || isa<ParmVarDecl>(B.Var) ||
        B.Var->getType()->isReferenceType())
      return std::nullopt;
    return B;
  }

  const Expr *parentExpr(const Expr *E) const {
    return dyn_cast_or_null<Expr>(Parents.getParent(E));
  }
  /// The statement around E; an initializer has none (its parent is the
  /// variable, see parentVar).
  const Stmt *parentStmt(const Expr *E) const {
    const Stmt *P = Parents.getParent(E);
    return isa_and_nonnull<DeclStmt>(P) ? nullptr : P;
  }
  /// The variable E initialises.
  const VarDecl *parentVar(const Expr *E) const {
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(Parents.getParent(E)))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit() == E)
          return VD;
    return nullptr;
  }

  /// Goes up from the from_blob call through the views of its result; then
  /// looks at where the tensor goes.
  void followResult(const CallExpr &Blob, const Buffer &B) {
    const Expr *E = &Blob;
    while (true) {
      const Expr *P = parentExpr(E);
      if (!P)
        break;
      if (isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr, ParenExpr,
              ExprWithCleanups, CXXConstructExpr, CXXFunctionalCastExpr>(P)) {
        E = P;
        continue;
      }
      if (const auto *ME = dyn_cast<MemberExpr>(P)) {
        const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(parentExpr(ME));
        const auto *MD = dyn_cast_or_null<CXXMethodDecl>(ME->getMemberDecl());
        const TypeModel *TM = Model.typeOf(ME->getBase()->getType());
        if (!Call || !MD || !TM)
          return;
        Effect Eff = Model.methodEffect(*TM, MD->getName());
        // Views keep viewing the buffer; to() mostly converts (a copy):
        // nothing is said.
        if (!(Eff == Effect::View ||
              (Eff == Effect::MayView && MD->getName() != "to" && MD->getName() != "type_as")))
          return;
        E = Call;
        continue;
      }
      break;
    }
    const Stmt *S = parentStmt(E);
    // return from_blob(buf, ...);
    if (const auto *RS = dyn_cast_or_null<ReturnStmt>(S)) {
      if (B.Var)
        report(Blob, B, RS->getBeginLoc(), "is returned", nullptr);
      return;
    }
    if (const Expr *P = parentExpr(E)) {
      // member_ = from_blob(...); out = from_blob(...) (Tensor &out)
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P);
          Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 && Op->getArg(1) == E) {
        const Expr *LHS = Op->getArg(0)->IgnoreParenImpCasts();
        if (std::optional<std::string> Where = outliving(LHS)) {
          report(Blob, B, Op->getExprLoc(), "is stored in " + *Where, nullptr);
          return;
        }
        if (const auto *DRE = dyn_cast<DeclRefExpr>(LHS))
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
            followVariable(Blob, B, *VD);
        return;
      }
      // container_.push_back(from_blob(...))
      if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(P)) {
        const CXXMethodDecl *MD = MCE->getMethodDecl();
        if (MD && Model.library().ContainerInserts.contains(MD->getName()))
          if (std::optional<std::string> Where =
                  outliving(MCE->getImplicitObjectArgument()->IgnoreParenImpCasts()))
            report(Blob, B, MCE->getExprLoc(), "is stored in " + *Where, nullptr);
        return;
      }
    }
    // auto t = from_blob(...);
    if (const VarDecl *VD = parentVar(E))
      followVariable(Blob, B, *VD);
  }

  /// A place that outlives the function: a member, a reference parameter.
  std::optional<std::string> outliving(const Expr *E) const {
    if (const auto *ME = dyn_cast<MemberExpr>(E);
        ME && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
      return "the member " + quoted(ME->getMemberDecl()->getName());
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *PD = dyn_cast<ParmVarDecl>(DRE->getDecl());
          PD && PD->getType()->isLValueReferenceType() &&
          !PD->getType().getNonReferenceType().isConstQualified())
        return "the caller's " + quoted(PD->getName());
    return std::nullopt;
  }

  /// A local tensor holding the from_blob tensor: returned or stored
  /// (the buffer dies first), or used after its vector may have reallocated.
  void followVariable(const CallExpr &Blob, const Buffer &B, const VarDecl &T) {
    if (!T.hasLocalStorage() || T.getType()->isReferenceType() || !Model.typeOf(T.getType()))
      return;
    if (B.Temporary) {
      report(Blob, B, T.getLocation(), "is bound to " + quoted(T.getName()), nullptr);
      return;
    }
    struct Uses : RecursiveASTVisitor<Uses> {
      const VarDecl *T, *Buf;
      std::vector<const DeclRefExpr *> OfT;
      std::vector<const CXXMemberCallExpr *> Grows;
      bool TraverseLambdaExpr(LambdaExpr *) { return true; }
      bool VisitDeclRefExpr(DeclRefExpr *E) {
        if (E->getDecl() == T)
          OfT.push_back(E);
        return true;
      }
      bool VisitCXXMemberCallExpr(CXXMemberCallExpr *E) {
        const CXXMethodDecl *MD = E->getMethodDecl();
        const auto *DRE =
            dyn_cast_or_null<DeclRefExpr>(E->getImplicitObjectArgument()->IgnoreParenImpCasts());
        if (MD && DRE && DRE->getDecl() == Buf &&
            StringSwitch<bool>(MD->getName())
                .Cases("push_back", "emplace_back", "resize", "reserve", "insert", "emplace", true)
                .Cases("assign", "shrink_to_fit", "clear", "swap", true)
                .Default(false))
          Grows.push_back(E);
        return true;
      }
    } U;
    U.T = &T;
    U.Buf = B.Var;
    U.TraverseStmt(FD.getBody());
    SourceLocation BlobEnd = Blob.getEndLoc();
    for (const DeclRefExpr *Use : U.OfT) {
      if (!SM.isBeforeInTranslationUnit(BlobEnd, Use->getLocation()))
        continue;
      const Stmt *S = parentStmt(Use);
      while (S && isa<ImplicitCastExpr, CXXConstructExpr, MaterializeTemporaryExpr,
                      CXXBindTemporaryExpr, ExprWithCleanups>(S))
        S = parentStmt(cast<Expr>(S));
      if (isa_and_nonnull<ReturnStmt>(S)) {
        report(Blob, B, Use->getLocation(), "is returned through " + quoted(T.getName()), nullptr);
        return;
      }
      if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(parentExpr(Use)))
        if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
          if (std::optional<std::string> Where = outliving(Op->getArg(0)->IgnoreParenImpCasts());
              Where && Op->getArg(1)->IgnoreImplicit() == Use) {
            report(Blob, B, Op->getExprLoc(),
                   "is stored in " + *Where + " through " + quoted(T.getName()), nullptr);
            return;
          }
    }
    if (!B.Growable)
      return;
    // The vector may reallocate while the tensor still views it.
    for (const CXXMemberCallExpr *Grow : U.Grows) {
      if (!SM.isBeforeInTranslationUnit(BlobEnd, Grow->getBeginLoc()))
        continue;
      for (const DeclRefExpr *Use : U.OfT)
        if (SM.isBeforeInTranslationUnit(Grow->getEndLoc(), Use->getLocation())) {
          reportRealloc(Blob, B, *Grow, T, *Use);
          return;
        }
    }
  }

  void report(const CallExpr &Blob, const Buffer &B, SourceLocation Escape, StringRef How,
              const Expr *) {
    Finding F;
    F.Check = CheckKind::DanglingFromBlob;
    F.Loc = nameLoc(Blob);
    std::string Buf = B.Var ? quoted(B.Var->getName()) : std::string("a temporary");
    F.Message = "the tensor made by " + nameOf(Blob) + " over " + Buf + " " + How.str() + ", but " +
                (B.Var ? Buf + " is destroyed when the function returns"
                       : std::string("the temporary is destroyed at the end of the statement")) +
                ": the tensor dangles; clone() it";
    if (B.Var)
      F.Notes.push_back({B.Var->getLocation(), Buf + " is a local buffer declared here"});
    F.Notes.push_back({Escape, "the tensor outlives the buffer here"});
    SourceLocation End = Lexer::getLocForEndOfToken(Blob.getEndLoc(), 0, SM, Ctx.getLangOpts());
    if (End.isValid() && !Blob.getEndLoc().isMacroID())
      F.FixIts.push_back(FixItHint::CreateInsertion(End, ".clone()"));
    Out.push_back(std::move(F));
  }

  void reportRealloc(const CallExpr &Blob, const Buffer &B, const CXXMemberCallExpr &Grow,
                     const VarDecl &T, const DeclRefExpr &Use) {
    std::string Buf = quoted(B.Var->getName());
    Finding F;
    F.Check = CheckKind::DanglingFromBlob;
    F.Loc = Grow.getExprLoc();
    F.Message = quoted(Grow.getMethodDecl()->getName()) + " may reallocate the storage of " + Buf +
                " while " + quoted(T.getName()) + ", made by " + nameOf(Blob) +
                " over it, still views the old one";
    F.Notes.push_back({nameLoc(Blob), nameOf(Blob) + " makes " + quoted(T.getName()) +
                                          " over the data of " + Buf + " here"});
    F.Notes.push_back({Use.getLocation(), quoted(T.getName()) + " is used here"});
    Out.push_back(std::move(F));
  }

  const FunctionDecl &FD;
  ASTContext &Ctx;
  const SourceManager &SM;
  const ApiModel &Model;
  std::vector<Finding> &Out;
  // The function body's own parents: ASTContext::getParents builds a map of
  // the whole translation unit on first use (with <torch/torch.h>, seconds).
  ParentMap Parents;
};

} // namespace

void findDanglingFromBlob(const FunctionDecl &FD, ASTContext &Ctx, const ApiModel &Model,
                          std::vector<Finding> &Out) {
  if (!FD.hasBody())
    return;
  BlobFinder(FD, Ctx, Model, Out).TraverseStmt(FD.getBody());
}

} // namespace aliasguard
