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
// arithmetic, which copy), into what holds a copy of its handle (std
// containers, pairs, tuples, aggregates, a lambda's by-copy capture), and
// through the local variables that keep it or its holder, to a return, a
// member or a reference parameter:
//   std::vector<torch::Tensor> out; out.push_back(t); return out;
//   callback_ = [t] { return t.sum(); };
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
  // A lambda's body is another function: its locals are not this one's. Its
  // captures' initialisers (`[t = torch::from_blob(...)]`) are this one's.
  bool TraverseLambdaExpr(LambdaExpr *L) {
    for (Expr *Init : L->capture_inits())
      if (Init)
        TraverseStmt(Init);
    return true;
  }

  bool VisitCallExpr(CallExpr *E) {
    const FunctionDecl *Callee = E->getDirectCallee();
    if (!Callee || E->getNumArgs() == 0 || E->getBeginLoc().isMacroID() ||
        Model.functionEffect(*Callee) != FunctionEffect::ViewOfBuffer)
      return true;
    std::optional<Buffer> B = bufferOf(E->getArg(0));
    if (!B)
      return true;
    follow(*E, *B, E, Path());
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
    // A lambda body's view of a variable of the function around it: the
    // buffer lives as long as that function, not as the lambda's call.
    const auto *Owner = dyn_cast_or_null<FunctionDecl>(B.Var->getParentFunctionOrMethod());
    if (!Owner || Owner->getCanonicalDecl() != FD.getCanonicalDecl())
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

  /// How the tensor travels: by itself, or held by a container, an aggregate
  /// or a closure ("is captured by a lambda that " in the messages).
  struct Path {
    std::string Carrier; ///< empty, or "is put in a 'vector' that "
    unsigned Depth = 0;  ///< variables followed so far
  };

  /// The std class templates whose objects hold copies of the handles they
  /// are built from (a std::function holds the closure it is given).
  static bool holdsItsElements(const CXXRecordDecl &RD) {
    return RD.isInStdNamespace() &&
           StringSwitch<bool>(RD.getName())
               .Cases("vector", "deque", "list", "array", "pair", "tuple", true)
               .Cases("optional", "map", "unordered_map", "function", true)
               .Default(false);
  }

  /// The carrier words for an object of type T holding the tensor.
  static std::string putIn(QualType T) {
    if (const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl(); RD && RD->getIdentifier())
      return "is put in a " + quoted(RD->getName()) + " that ";
    return "is put in an object that ";
  }

  /// Goes up from E (the tensor, a view of it, or an object holding it)
  /// through what keeps holding it: implicit nodes, view ops, std containers
  /// and aggregates built around it (`{t}`, `std::make_pair(t, k)`), a lambda
  /// capturing it by copy. Returns the outermost such expression, or null
  /// when the tensor goes somewhere that does not keep it this way (a
  /// non-view op, a reference capture, an unknown constructor).
  const Expr *climb(const Expr *E, Path &P) const {
    while (const Expr *Up = parentExpr(E)) {
      if (isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr, ParenExpr,
              ExprWithCleanups, CXXFunctionalCastExpr>(Up)) {
        E = Up;
        continue;
      }
      if (const auto *CE = dyn_cast<CXXConstructExpr>(Up)) {
        // A copy or move of a tensor handle is the same tensor; a copy of a
        // holder (an aggregate, a closure) holds copies of what it holds.
        if (!Model.typeOf(CE->getType()) && !CE->getConstructor()->isCopyOrMoveConstructor()) {
          const CXXRecordDecl *RD = CE->getType()->getAsCXXRecordDecl();
          if (!RD || !holdsItsElements(*RD))
            return nullptr;
          if (P.Carrier.empty())
            P.Carrier = putIn(CE->getType());
        }
        E = Up;
        continue;
      }
      if (isa<InitListExpr, CXXStdInitializerListExpr>(Up)) {
        // `{t, k}` for an aggregate holds the handle; for a container it
        // becomes the constructor's argument (named at the construction).
        if (P.Carrier.empty() && Up->getType()->isRecordType() &&
            !Up->getType()->getAsCXXRecordDecl()->isInStdNamespace())
          P.Carrier = putIn(Up->getType());
        E = Up;
        continue;
      }
      if (const auto *Call = dyn_cast<CallExpr>(Up);
          Call && !isa<CXXMemberCallExpr, CXXOperatorCallExpr>(Call)) {
        const FunctionDecl *FD = Call->getDirectCallee();
        if (!FD || !FD->isInStdNamespace() || !FD->getIdentifier())
          return nullptr;
        StringRef Name = FD->getName();
        if (Name == "make_pair" || Name == "make_tuple" || Name == "make_optional") {
          if (P.Carrier.empty())
            P.Carrier = putIn(Call->getType());
        } else if (Name != "move" && Name != "forward") {
          return nullptr;
        }
        E = Up;
        continue;
      }
      if (const auto *L = dyn_cast<LambdaExpr>(Up)) {
        // A closure holds a copy of what it captures by copy; a reference
        // capture holds the variable, whose own fate is another story.
        auto Init = llvm::find(L->capture_inits(), E);
        if (Init == L->capture_inits().end())
          return nullptr;
        const LambdaCapture &C = L->capture_begin()[Init - L->capture_inits().begin()];
        if (C.getCaptureKind() != LCK_ByCopy)
          return nullptr;
        if (P.Carrier.empty())
          P.Carrier = "is captured by a lambda that ";
        E = Up;
        continue;
      }
      if (const auto *ME = dyn_cast<MemberExpr>(Up)) {
        if (!P.Carrier.empty())
          return nullptr;
        const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(parentExpr(ME));
        const auto *MD = dyn_cast_or_null<CXXMethodDecl>(ME->getMemberDecl());
        const TypeModel *TM = Model.typeOf(ME->getBase()->getType());
        if (!Call || !MD || !MD->getIdentifier() || !TM)
          return nullptr;
        Effect Eff = Model.methodEffect(*TM, MD->getName());
        // Views keep viewing the buffer; to() mostly converts (a copy):
        // nothing is said.
        if (!(Eff == Effect::View ||
              (Eff == Effect::MayView && MD->getName() != "to" && MD->getName() != "type_as")))
          return nullptr;
        E = Call;
        continue;
      }
      break;
    }
    return E;
  }

  /// Looks at where the tensor (or its carrier), E, goes once it is no longer
  /// carried: returned, stored in a place that outlives the function, or kept
  /// in a local variable that is followed in turn.
  void follow(const CallExpr &Blob, const Buffer &B, const Expr *E, Path P,
              StringRef Through = "") {
    const Expr *Start = E;
    E = climb(E, P);
    if (!E || Reported.contains(&Blob))
      return;
    std::string ThroughWords = Through.empty() ? "" : " through " + quoted(Through);
    const Stmt *S = parentStmt(E);
    // return from_blob(buf, ...);
    if (isa_and_nonnull<ReturnStmt>(S)) {
      if (B.Var)
        report(Blob, B, Through.empty() ? S->getBeginLoc() : Start->getExprLoc(),
               P.Carrier + "is returned" + ThroughWords);
      return;
    }
    if (const Expr *Up = parentExpr(E)) {
      // member_ = from_blob(...); out = from_blob(...) (Tensor &out)
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Up);
          Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 && Op->getArg(1) == E) {
        storedIn(Blob, B, Op->getArg(0)->IgnoreParenImpCasts(), Op->getExprLoc(), P, ThroughWords);
        return;
      }
      // members_.push_back(from_blob(...)); batch.push_back(t) with a local batch
      if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(Up)) {
        const CXXMethodDecl *MD = MCE->getMethodDecl();
        if (!MD || !MD->getIdentifier() ||
            !Model.library().ContainerInserts.contains(MD->getName()) ||
            llvm::find(MCE->arguments(), E) == MCE->arguments().end())
          return;
        const Expr *Object = MCE->getImplicitObjectArgument()->IgnoreParenImpCasts();
        if (P.Carrier.empty())
          P.Carrier = putIn(Object->getType());
        storedIn(Blob, B, Object, MCE->getExprLoc(), P, ThroughWords);
        return;
      }
    }
    // auto t = from_blob(...);
    if (const VarDecl *VD = parentVar(E))
      followVariable(Blob, B, *VD, P);
  }

  /// The tensor (or its carrier) is stored in \p Place at \p Loc: reported
  /// when the place outlives the function, followed when it is a local.
  void storedIn(const CallExpr &Blob, const Buffer &B, const Expr *Place, SourceLocation Loc,
                const Path &P, StringRef ThroughWords) {
    if (std::optional<std::string> Where = outliving(Place)) {
      report(Blob, B, Loc, P.Carrier + "is stored in " + *Where + ThroughWords.str());
      return;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Place))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        followVariable(Blob, B, *VD, P);
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

  /// A local variable holding the tensor (or a container or closure holding
  /// it): returned or stored (the buffer dies first), or, for the tensor
  /// itself, used after its vector may have reallocated.
  void followVariable(const CallExpr &Blob, const Buffer &B, const VarDecl &T, Path P) {
    // Variables that hold variables that hold the tensor: a few are enough.
    if (P.Depth >= 3 || !T.hasLocalStorage() || T.getType()->isReferenceType() ||
        isa<ParmVarDecl>(T))
      return;
    bool IsTensor = P.Carrier.empty();
    if (IsTensor && !Model.typeOf(T.getType()))
      return;
    if (B.Temporary) {
      report(Blob, B, T.getLocation(), P.Carrier + "is bound to " + quoted(T.getName()));
      return;
    }
    struct Uses : RecursiveASTVisitor<Uses> {
      const VarDecl *T, *Buf;
      std::vector<const DeclRefExpr *> OfT;
      std::vector<const CXXMemberCallExpr *> Grows;
      // A lambda's body is another function; what it captures by copy is
      // used here, where the closure is made.
      bool TraverseLambdaExpr(LambdaExpr *L) {
        for (const auto &[C, Init] : llvm::zip(L->captures(), L->capture_inits()))
          if (Init && C.getCaptureKind() == LCK_ByCopy)
            TraverseStmt(Init);
        return true;
      }
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
    Path Next{P.Carrier, P.Depth + 1};
    for (const DeclRefExpr *Use : U.OfT) {
      if (Reported.contains(&Blob))
        return;
      if (SM.isBeforeInTranslationUnit(BlobEnd, Use->getLocation()))
        follow(Blob, B, Use, Next, T.getName());
    }
    if (!B.Growable || !IsTensor || P.Depth > 0)
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

  void report(const CallExpr &Blob, const Buffer &B, SourceLocation Escape, StringRef How) {
    if (!Reported.insert(&Blob).second)
      return;
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
  // One finding per from_blob call, for its first escape.
  SmallPtrSet<const CallExpr *, 4> Reported;
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
