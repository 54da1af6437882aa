//===- Dataflow.cpp - storage-flow analysis of one function ---------------===//
#include "Dataflow.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <tuple>

using namespace clang;
using namespace llvm;

namespace aliasguard {

namespace {

using HandleId = unsigned;
using StorageId = unsigned;
using ProvId = unsigned;
using CandId = unsigned;
constexpr unsigned NoId = ~0u;

enum class StorageKind : unsigned char { Param, Fresh, Initial, Buffer };

struct HandleInfo {
  const ValueDecl *Base;
  const FieldDecl *Field;
  std::string Name;
};

struct StorageInfo {
  const void *Site;
  bool Old; // an earlier iteration's storage from the same creation site
  StorageKind Kind;
  unsigned ParamIndex;
};

struct ProvInfo {
  ProvKind Kind;
  const void *Site;
  HandleId Source;
  SourceLocation Loc;
  std::string Op;
  const Expr *FixSource;
  const TypeModel *SourceType;
  SourceLocation CalleeReturnLoc;
};

/// A pending stale read: the storage was written by another handle while
/// Reader held it. Reported when Reader reads it.
struct Candidate {
  const Expr *Write;
  HandleId Writer;
  ProvId Alias;
  bool SelfBound;  // `auto y = x.mul_(2)`: x itself reads its changed value
  HandleId Holder; // the new name y
  std::string WriteOp;
};

struct PtsFact {
  HandleId H;
  StorageId S;
  ProvId P;
  auto operator<=>(const PtsFact &) const = default;
};
struct StaleFact {
  HandleId Reader;
  StorageId S;
  CandId C;
  auto operator<=>(const StaleFact &) const = default;
};

/// The flow state. Pts is ordered by handle for "what does h hold";
/// ByStorage indexes the same facts by storage for "who holds s", so a write
/// costs the number of holders, not the size of the state.
struct State {
  std::set<PtsFact> Pts;
  std::set<std::pair<StorageId, HandleId>> ByStorage;
  std::set<StaleFact> Stale;

  bool operator==(const State &O) const { return Pts == O.Pts && Stale == O.Stale; }

  bool join(const State &O) {
    size_t Before = Pts.size() + Stale.size();
    Pts.insert(O.Pts.begin(), O.Pts.end());
    ByStorage.insert(O.ByStorage.begin(), O.ByStorage.end());
    Stale.insert(O.Stale.begin(), O.Stale.end());
    return Pts.size() + Stale.size() != Before;
  }
  void add(HandleId H, StorageId S, ProvId P) {
    Pts.insert({H, S, P});
    ByStorage.insert({S, H});
  }
  auto factsOf(HandleId H) const {
    return make_range(Pts.lower_bound({H, 0, 0}), Pts.lower_bound({H + 1, 0, 0}));
  }
  auto holdersOf(StorageId S) const {
    return make_range(ByStorage.lower_bound({S, 0}), ByStorage.lower_bound({S + 1, 0}));
  }
  auto staleOf(HandleId H) const {
    return make_range(Stale.lower_bound({H, 0, 0}), Stale.lower_bound({H + 1, 0, 0}));
  }
  bool holds(HandleId H, StorageId S) const { return ByStorage.count({S, H}); }
  ProvId provOf(HandleId H, StorageId S) const {
    auto It = Pts.lower_bound({H, S, 0});
    return It != Pts.end() && It->H == H && It->S == S ? It->P : NoId;
  }
  void kill(HandleId H) {
    for (auto It = Pts.lower_bound({H, 0, 0}); It != Pts.end() && It->H == H;) {
      ByStorage.erase({It->S, H});
      It = Pts.erase(It);
    }
    Stale.erase(Stale.lower_bound({H, 0, 0}), Stale.lower_bound({H + 1, 0, 0}));
  }
};

/// The tensor value of an expression.
struct Value {
  struct Fact {
    StorageId S;
    ProvId P;
    HandleId From = NoId;        // reached here straight from a named handle
    const Expr *FromExpr = nullptr;
  };
  SmallVector<Fact, 2> Facts;
  HandleId Root = NoId;  // the handle this is, or a temporary view of
  bool IsHandle = false; // names the handle itself (an lvalue)
  const CXXMemberCallExpr *InplaceCall = nullptr;
  bool RawAccess = false; // a pointer into Root's data: naming it names Root
};

bool isStdContainer(const CXXRecordDecl *RD, QualType &Element) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
  if (!Spec || !Spec->isInStdNamespace())
    return false;
  StringRef Name = Spec->getName();
  if (!is_contained({"vector", "deque", "list", "array", "optional", "forward_list"}, Name))
    return false;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type)
    return false;
  Element = Args[0].getAsType();
  return true;
}

class FunctionAnalyzer {
public:
  FunctionAnalyzer(const FunctionDecl &FD, ASTContext &Ctx, const ApiModel &Model,
                   SummaryCache &Summaries)
      : FD(FD), Ctx(Ctx), SM(Ctx.getSourceManager()), Model(Model), Summaries(Summaries) {
    Summary.WritesParam.assign(FD.getNumParams(), false);
    Summary.Returns.assign(FD.getNumParams(), ReturnKind::None);
    Summary.ReturnLocs.assign(FD.getNumParams(), SourceLocation());
  }

  void run(std::vector<RawFinding> *Out);
  FunctionSummary takeSummary() { return std::move(Summary); }

private:
  // --- Tables ---------------------------------------------------------------
  HandleId handleFor(const ValueDecl *Base, const FieldDecl *Field) {
    auto [It, Inserted] = HandleIds.try_emplace({Base, Field}, Handles.size());
    if (Inserted) {
      std::string Name;
      if (Base && Field)
        Name = (Base->getName() + "." + Field->getName()).str();
      else if (Field)
        Name = Field->getName().str();
      else
        Name = Base->getName().str();
      Handles.push_back({Base, Field, Name});
    }
    return It->second;
  }
  StorageId storageFor(const void *Site, bool Old, StorageKind Kind, unsigned Param = 0) {
    auto [It, Inserted] = StorageIds.try_emplace({Site, unsigned(Old)}, Storages.size());
    if (Inserted)
      Storages.push_back({Site, Old, Kind, Param});
    return It->second;
  }
  ProvId provFor(ProvKind Kind, const void *Site, HandleId Source, SourceLocation Loc,
                 StringRef Op = "", const Expr *FixSource = nullptr,
                 SourceLocation CalleeReturnLoc = {}) {
    auto [It, Inserted] =
        ProvIds.try_emplace(std::make_tuple(Kind, Site, Source), Provs.size());
    if (Inserted) {
      const TypeModel *SourceType = FixSource ? Model.typeOf(FixSource->getType()) : nullptr;
      Provs.push_back({Kind, Site, Source, Loc, Op.str(), FixSource, SourceType,
                       CalleeReturnLoc});
    }
    return It->second;
  }
  ProvId originProv() { return provFor(ProvKind::Origin, nullptr, NoId, {}); }
  CandId candidateFor(const Expr *Write, HandleId Writer, ProvId Alias, bool SelfBound,
                      HandleId Holder, StringRef WriteOp) {
    auto [It, Inserted] = CandIds.try_emplace(
        std::make_tuple(Write, Writer, Alias, SelfBound, Holder), Cands.size());
    if (Inserted)
      Cands.push_back({Write, Writer, Alias, SelfBound, Holder, WriteOp.str()});
    return It->second;
  }

  // --- Types ----------------------------------------------------------------
  bool isHolderType(QualType T) const {
    if (T.isNull())
      return false;
    T = T.getNonReferenceType().getCanonicalType();
    if (Model.typeOf(T))
      return true;
    if (const auto *PT = T->getAs<PointerType>())
      return PT->getPointeeType()->isArithmeticType();
    if (const auto *AT = dyn_cast<ArrayType>(T.getTypePtr()))
      return AT->getElementType()->isArithmeticType();
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (!RD)
      return false;
    if (RD->isLambda())
      return true;
    QualType Element;
    if (isStdContainer(RD, Element))
      return Model.typeOf(Element) || Element->isArithmeticType();
    return false;
  }
  bool isContainer(QualType T) const {
    QualType Element;
    const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
    return RD && isStdContainer(RD, Element);
  }

  // --- State operations -------------------------------------------------------
  StorageId fresh(const Expr *Site) {
    StorageId New = storageFor(Site, false, StorageKind::Fresh);
    // A creation site inside a loop makes a new storage each iteration: the
    // previous iteration's one becomes "old" so the two do not alias.
    if (CurrentBlockInLoop) {
      StorageId Old = storageFor(Site, true, StorageKind::Fresh);
      SmallVector<PtsFact, 4> Moved;
      for (auto [S, H] : Cur->holdersOf(New))
        Moved.push_back({H, S, Cur->provOf(H, S)});
      for (const PtsFact &F : Moved) {
        Cur->Pts.erase(F);
        Cur->ByStorage.erase({F.S, F.H});
        Cur->add(F.H, Old, F.P);
      }
      SmallVector<StaleFact, 4> StaleMoved;
      for (const StaleFact &F : Cur->Stale)
        if (F.S == New)
          StaleMoved.push_back(F);
      for (const StaleFact &F : StaleMoved) {
        Cur->Stale.erase(F);
        Cur->Stale.insert({F.Reader, Old, F.C});
      }
    }
    return New;
  }
  Value freshValue(const Expr *Site) {
    Value V;
    V.Facts.push_back({fresh(Site), originProv()});
    return V;
  }

  /// Lazily gives non-local handles (fields, globals) their own storage.
  void ensureInitial(HandleId H) {
    if (!Cur->factsOf(H).empty())
      return;
    const HandleInfo &Info = Handles[H];
    const auto *VD = dyn_cast_or_null<VarDecl>(Info.Base);
    bool NonLocal = Info.Field || (VD && !VD->isLocalVarDeclOrParm());
    if (NonLocal)
      Cur->add(H, storageFor(&Info, false, StorageKind::Initial), originProv());
  }
  void ensureBuffer(HandleId H) {
    if (Cur->factsOf(H).empty())
      Cur->add(H, storageFor(&Handles[H], false, StorageKind::Buffer), originProv());
  }

  Value handleValue(HandleId H, const Expr *E) {
    ensureInitial(H);
    Value V;
    V.Root = H;
    V.IsHandle = true;
    for (const PtsFact &F : Cur->factsOf(H))
      V.Facts.push_back({F.S, F.P, H, E});
    return V;
  }

  /// Values derived from V: same storages, new provenance, not named.
  Value derived(const Value &V, ProvId P) {
    Value R;
    R.Root = V.Root;
    for (const Value::Fact &F : V.Facts)
      R.Facts.push_back({F.S, P});
    return R;
  }

  void bind(HandleId H, const Value &V, SourceLocation Loc, const void *Site) {
    SmallVector<PtsFact, 4> New;
    bool BindsInplaceResult = V.InplaceCall && V.Root != NoId && V.Root != H;
    for (const Value::Fact &F : V.Facts) {
      ProvId P = F.P;
      if (BindsInplaceResult)
        P = provFor(ProvKind::InplaceResult, V.InplaceCall, V.Root,
                    V.InplaceCall->getExprLoc(), V.InplaceCall->getMethodDecl()->getName());
      else if (F.From != NoId && F.From != H)
        P = provFor(ProvKind::Copy, Site, F.From, Loc, "", F.FromExpr);
      // `b = b.view(...)`: b keeps the story of how it got the storage.
      if (P != NoId && Provs[P].Source == H)
        if (ProvId Old = Cur->provOf(H, F.S); Old != NoId)
          P = Old;
      New.push_back({H, F.S, P});
    }
    Cur->kill(H);
    for (const PtsFact &F : New)
      Cur->add(F.H, F.S, F.P);
    // `auto y = x.mul_(2)`: the user expects y to be new and x unchanged.
    if (BindsInplaceResult) {
      ProvId P = provFor(ProvKind::InplaceResult, V.InplaceCall, V.Root,
                         V.InplaceCall->getExprLoc(),
                         V.InplaceCall->getMethodDecl()->getName());
      CandId C = candidateFor(V.InplaceCall, V.Root, P, true, H,
                              V.InplaceCall->getMethodDecl()->getName());
      BoundLocs[C] = Loc;
      for (const PtsFact &F : Cur->factsOf(V.Root))
        Cur->Stale.insert({V.Root, F.S, C});
    }
  }

  /// The event that best explains why Writer and Reader share storage: one
  /// that links the two directly, else one from a named handle, else any.
  ProvId pickAlias(HandleId Writer, ProvId WriterProv, HandleId Reader, ProvId ReaderProv) {
    auto Derived = [&](ProvId P) {
      return P != NoId && Provs[P].Kind != ProvKind::Origin;
    };
    auto Links = [&](ProvId P, HandleId Other) {
      return Derived(P) && Other != NoId && Provs[P].Source == Other;
    };
    if (Links(ReaderProv, Writer))
      return ReaderProv;
    if (Links(WriterProv, Reader))
      return WriterProv;
    for (ProvId P : {WriterProv, ReaderProv})
      if (Derived(P) && Provs[P].Source != NoId)
        return P;
    for (ProvId P : {WriterProv, ReaderProv})
      if (Derived(P))
        return P;
    return NoId;
  }

  /// \p ViaCallee: the write happens in a callee that already reports it.
  void write(const Value &V, const Expr *Site, StringRef Op, bool ViaCallee = false) {
    HandleId Writer = V.Root;
    SmallVector<StorageId, 2> Written;
    for (const Value::Fact &F : V.Facts) {
      if (is_contained(Written, F.S))
        continue;
      Written.push_back(F.S);
      const StorageInfo &SI = Storages[F.S];
      if (SI.Kind == StorageKind::Param) {
        Summary.WritesParam[SI.ParamIndex] = true;
        if (!ViaCallee)
          reportParamWrite(SI.ParamIndex, Site, Writer, Op);
      }
      ProvId WriterProv = Writer != NoId ? Cur->provOf(Writer, F.S) : F.P;
      SmallVector<std::pair<HandleId, ProvId>, 4> Readers;
      for (auto [S, H] : Cur->holdersOf(F.S))
        if (H != Writer)
          Readers.push_back({H, Cur->provOf(H, S)});
      for (auto [H, ReaderProv] : Readers) {
        ProvId Alias = pickAlias(Writer, WriterProv, H, ReaderProv);
        if (Alias == NoId)
          continue;
        CandId C = candidateFor(Site, Writer, Alias, false, NoId, Op);
        Cur->Stale.insert({H, F.S, C});
      }
    }
    // The writer now knows its data changed: its own pending reads are moot.
    if (Writer != NoId)
      Cur->Stale.erase(Cur->Stale.lower_bound({Writer, 0, 0}),
                       Cur->Stale.lower_bound({Writer + 1, 0, 0}));
  }

  void read(const Value &V, const Expr *Site) {
    if (V.Root == NoId || !Out)
      return;
    for (const StaleFact &F : Cur->staleOf(V.Root))
      reportStaleRead(F, V.Root, Site);
  }
  void consume(const Expr *E) { read(eval(E), E); }

  // --- Reporting --------------------------------------------------------------
  void reportParamWrite(unsigned Index, const Expr *Site, HandleId Writer, StringRef Op);
  void reportStaleRead(const StaleFact &F, HandleId Reader, const Expr *Site);
  AliasEvent describe(ProvId P, HandleId Holder);

  // --- Transfer ---------------------------------------------------------------
  Value eval(const Expr *E);
  Value evalMemberCall(const Expr *Call, const Expr *Object, StringRef Method,
                       ArrayRef<const Expr *> Args, const CXXMethodDecl *MD);
  Value evalCall(const CallExpr *CE);
  Value evalConstruct(const CXXConstructExpr *CE);
  Value evalLambda(const LambdaExpr *LE);
  void evalDecl(const VarDecl *VD);
  void evalReturn(const ReturnStmt *RS);
  void transfer(const CFGElement &Elem);
  void visitChildren(const Stmt *S) {
    for (const Stmt *Child : S->children())
      if (const auto *CE = dyn_cast_or_null<Expr>(Child))
        consume(CE);
  }

  const FunctionDecl &FD;
  ASTContext &Ctx;
  const SourceManager &SM;
  const ApiModel &Model;
  SummaryCache &Summaries;
  FunctionSummary Summary;

  std::vector<HandleInfo> Handles;
  std::map<std::pair<const ValueDecl *, const FieldDecl *>, HandleId> HandleIds;
  std::vector<StorageInfo> Storages;
  DenseMap<std::pair<const void *, unsigned>, StorageId> StorageIds;
  std::vector<ProvInfo> Provs;
  std::map<std::tuple<ProvKind, const void *, HandleId>, ProvId> ProvIds;
  std::vector<Candidate> Cands;
  std::map<std::tuple<const Expr *, HandleId, ProvId, bool, HandleId>, CandId> CandIds;
  DenseMap<CandId, SourceLocation> BoundLocs;
  /// References are the handle they are bound to (`Tensor& r = a`).
  DenseMap<const VarDecl *, HandleId> RefAlias;

  State *Cur = nullptr;
  bool CurrentBlockInLoop = false;
  std::vector<RawFinding> *Out = nullptr;
};

// --- Expressions ------------------------------------------------------------

Value FunctionAnalyzer::eval(const Expr *E) {
  if (!E)
    return {};
  if (E->isTypeDependent() || E->isValueDependent() || E->containsErrors()) {
    return {};
  }
  if (const auto *PE = dyn_cast<ParenExpr>(E))
    return eval(PE->getSubExpr());
  if (const auto *FE = dyn_cast<FullExpr>(E))
    return eval(FE->getSubExpr());
  if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E))
    return eval(MT->getSubExpr());
  if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(E))
    return eval(BT->getSubExpr());
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(E)) {
    Value V = eval(IC->getSubExpr());
    // Loading a pointer copies the handle to the buffer; it reads no data.
    if (IC->getCastKind() == CK_LValueToRValue && !IC->getType()->isPointerType()) {
      // Loading a builtin value (a buffer element, a pointer) reads it.
      read(V, IC);
      return {};
    }
    return V;
  }
  if (const auto *EC = dyn_cast<ExplicitCastExpr>(E))
    return eval(EC->getSubExpr());
  if (isa<CXXDefaultArgExpr, CXXDefaultInitExpr, UnaryExprOrTypeTraitExpr,
          CXXTypeidExpr, CXXNoexceptExpr, OpaqueValueExpr>(E))
    return {};

  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return {};
    if (auto It = RefAlias.find(VD); It != RefAlias.end())
      return handleValue(It->second, E);
    if (!isHolderType(VD->getType()))
      return {};
    return handleValue(handleFor(VD, nullptr), E);
  }

  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (Field && isHolderType(Field->getType())) {
      const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
      if (isa<CXXThisExpr>(Base))
        return handleValue(handleFor(nullptr, Field), E);
      if (const auto *BaseRef = dyn_cast<DeclRefExpr>(Base))
        if (const auto *BaseVar = dyn_cast<VarDecl>(BaseRef->getDecl());
            BaseVar && !ME->isArrow() && BaseVar->getType()->isRecordType())
          return handleValue(handleFor(BaseVar, Field), E);
    }
    consume(ME->getBase());
    return {};
  }

  if (const auto *CE = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = CE->getMethodDecl();
    if (!MD || !MD->getIdentifier()) {
      // Conversion operators and the like.
      consume(CE->getImplicitObjectArgument());
      for (const Expr *A : CE->arguments())
        consume(A);
      return {};
    }
    SmallVector<const Expr *, 4> Args(CE->arguments());
    return evalMemberCall(CE, CE->getImplicitObjectArgument(), MD->getName(), Args, MD);
  }

  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(OC->getCalleeDecl());
        MD && OC->getNumArgs() > 0) {
      std::string Name = MD->getNameAsString();
      SmallVector<const Expr *, 4> Args;
      for (unsigned I = 1; I < OC->getNumArgs(); ++I)
        Args.push_back(OC->getArg(I));
      return evalMemberCall(OC, OC->getArg(0), Name, Args, MD);
    }
    return evalCall(OC);
  }

  if (const auto *CE = dyn_cast<CallExpr>(E))
    return evalCall(CE);
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    return evalConstruct(CE);
  if (const auto *LE = dyn_cast<LambdaExpr>(E))
    return evalLambda(LE);

  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
    consume(CO->getCond());
    Value T = eval(CO->getTrueExpr());
    Value F = eval(CO->getFalseExpr());
    Value R;
    R.Facts = T.Facts;
    R.Facts.append(F.Facts.begin(), F.Facts.end());
    return R;
  }

  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
    Value Base = eval(ASE->getBase());
    consume(ASE->getIdx());
    Base.IsHandle = false;
    for (Value::Fact &F : Base.Facts)
      F.From = NoId;
    return Base;
  }

  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    switch (UO->getOpcode()) {
    case UO_Deref: {
      Value V = eval(UO->getSubExpr());
      V.IsHandle = false;
      for (Value::Fact &F : V.Facts)
        F.From = NoId;
      return V;
    }
    case UO_AddrOf:
      // Escapes are not tracked: no claim either way.
      eval(UO->getSubExpr());
      return {};
    case UO_PreInc: case UO_PreDec: case UO_PostInc: case UO_PostDec: {
      Value V = eval(UO->getSubExpr());
      if (!V.IsHandle && V.Root != NoId)
        write(V, UO, "++");
      return {};
    }
    default:
      visitChildren(UO);
      return {};
    }
  }

  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->isAssignmentOp()) {
      Value L = eval(BO->getLHS());
      Value R = eval(BO->getRHS());
      if (L.IsHandle && BO->getOpcode() == BO_Assign)
        bind(L.Root, R, BO->getOperatorLoc(), BO);
      else if (!L.IsHandle && L.Root != NoId)
        write(L, BO, BO->getOpcodeStr());
      return {};
    }
    visitChildren(BO);
    return {};
  }

  visitChildren(E);
  return {};
}

Value FunctionAnalyzer::evalMemberCall(const Expr *Call, const Expr *Object,
                                       StringRef Method, ArrayRef<const Expr *> Args,
                                       const CXXMethodDecl *MD) {
  QualType ObjType = Object->getType();
  if (const TypeModel *TM = Model.typeOf(ObjType)) {
    Value Obj = eval(Object);
    auto consumeArgs = [&] {
      for (const Expr *A : Args)
        consume(A);
    };
    // Assignment: to a named handle it rebinds; to a temporary (`t[0] = 99`)
    // it writes through it.
    if (Method == "operator=") {
      Value R = Args.empty() ? Value() : eval(Args[0]);
      if (Obj.IsHandle && Object->isLValue()) {
        bind(Obj.Root, R, Call->getBeginLoc(), Call);
      } else {
        read(R, Call);
        write(Obj, Call, "operator=");
      }
      return Obj;
    }
    Effect Eff = Model.methodEffect(*TM, Method);
    if (is_contained({"operator+=", "operator-=", "operator*=", "operator/=",
                      "operator%=", "operator&=", "operator|=", "operator^=",
                      "operator<<=", "operator>>="},
                     Method))
      Eff = Effect::Write;
    switch (Eff) {
    case Effect::Metadata:
      return {};
    case Effect::View:
    case Effect::MayView: {
      consumeArgs();
      ProvId P = provFor(Eff == Effect::View ? ProvKind::View : ProvKind::MayView, Call,
                         Obj.Root, Call->getExprLoc(), Method);
      return derived(Obj, P);
    }
    case Effect::Write: {
      consumeArgs();
      write(Obj, Call, Method);
      if (!MD->getReturnType()->isReferenceType())
        return {};
      // The in-place method returns its object; binding that result to a new
      // name is recognised through InplaceCall.
      Value R = Obj;
      R.IsHandle = false;
      for (Value::Fact &F : R.Facts)
        F.From = NoId;
      R.InplaceCall = dyn_cast<CXXMemberCallExpr>(Call);
      return R;
    }
    case Effect::Access: {
      consumeArgs();
      Value R = Obj;
      R.IsHandle = false;
      R.RawAccess = true;
      return R;
    }
    case Effect::Copy:
    case Effect::Read:
      read(Obj, Call);
      consumeArgs();
      if (isHolderType(Call->getType()) && Call->isPRValue())
        return freshValue(Call);
      return {};
    }
  }

  if (isContainer(ObjType)) {
    Value Obj = eval(Object);
    if (is_contained({"push_back", "emplace_back", "push_front", "emplace_front",
                      "insert", "emplace"},
                     Method)) {
      if (Obj.Root == NoId) {
        for (const Expr *A : Args)
          consume(A);
        return {};
      }
      for (const Expr *A : Args) {
        Value V = eval(A);
        for (const Value::Fact &F : V.Facts) {
          ProvId P = F.From != NoId
                         ? provFor(ProvKind::Container, Call, F.From, Call->getExprLoc(),
                                   Method)
                         : F.P;
          Cur->add(Obj.Root, F.S, P);
        }
      }
      return {};
    }
    if (is_contained({"size", "empty", "capacity", "reserve", "max_size"}, Method))
      return {};
    if (Method == "clear" && Obj.IsHandle) {
      Cur->kill(Obj.Root);
      return {};
    }
    if (is_contained({"operator[]", "at", "front", "back", "data", "value", "operator*",
                      "operator->"},
                     Method)) {
      for (const Expr *A : Args)
        consume(A);
      Obj.IsHandle = false;
      for (Value::Fact &F : Obj.Facts)
        F.From = NoId;
      return Obj;
    }
    read(Obj, Call);
    for (const Expr *A : Args)
      consume(A);
    return {};
  }

  // Calling a closure reads what it captured.
  if (const CXXRecordDecl *RD = ObjType.getNonReferenceType()->getAsCXXRecordDecl();
      RD && RD->isLambda()) {
    consume(Object);
    for (const Expr *A : Args)
      consume(A);
    return {};
  }

  // A method of some other class: its object and arguments are read.
  consume(Object);
  for (const Expr *A : Args)
    consume(A);
  if (isHolderType(Call->getType()) && Call->isPRValue() &&
      Model.typeOf(Call->getType()))
    return freshValue(Call);
  return {};
}

Value FunctionAnalyzer::evalCall(const CallExpr *CE) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  auto Args = ArrayRef(CE->getArgs(), CE->getNumArgs());
  if (Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
      is_contained({"move", "move_if_noexcept"}, Callee->getName()) && Args.size() == 1) {
    Value V = eval(Args[0]);
    // The moved-from handle is dead; the new owner inherits the provenance.
    for (Value::Fact &F : V.Facts)
      F.From = NoId;
    if (V.IsHandle)
      Cur->kill(V.Root);
    V.IsHandle = false;
    V.Root = NoId;
    return V;
  }

  if (Callee) {
    if (std::optional<FunctionEffect> FE = Model.functionEffect(*Callee); FE && !Args.empty()) {
      Value A0 = eval(Args[0]);
      for (const Expr *A : Args.drop_front())
        consume(A);
      switch (*FE) {
      case FunctionEffect::ViewOfArg0:
      case FunctionEffect::ViewOfBuffer: {
        if (*FE == FunctionEffect::ViewOfBuffer && A0.Root != NoId) {
          ensureBuffer(A0.Root);
          Value Fresh = handleValue(A0.Root, Args[0]);
          A0.Facts = Fresh.Facts;
        }
        ProvId P = provFor(ProvKind::View, CE, A0.Root, CE->getExprLoc(), Callee->getName());
        return derived(A0, P);
      }
      case FunctionEffect::WriteArg0:
        write(A0, CE, Callee->getName());
        return {};
      }
    }
  }

  const FunctionSummary *S = Callee ? Summaries.get(Callee) : nullptr;
  // A call through a member operator has the object as argument 0.
  bool Shifted = isa<CXXOperatorCallExpr>(CE) && isa_and_nonnull<CXXMethodDecl>(Callee);
  Value Result;
  bool Returns = false;
  for (unsigned I = 0; I < Args.size(); ++I) {
    unsigned ParamIndex = Shifted ? I - 1 : I;
    Value V = eval(Args[I]);
    if (S && !(Shifted && I == 0) && ParamIndex < S->WritesParam.size()) {
      const ParmVarDecl *PD = Callee->getParamDecl(ParamIndex);
      bool CalleeReports = !PD->getType()->isReferenceType() ||
                           PD->getType().getNonReferenceType().isConstQualified();
      CalleeReports = CalleeReports && !Callee->getName().ends_with("_");
      if (S->WritesParam[ParamIndex])
        write(V, CE, Callee->getName(), CalleeReports);
      ReturnKind RK = S->Returns[ParamIndex];
      if (RK != ReturnKind::None) {
        ProvId P = provFor(RK == ReturnKind::Same ? ProvKind::ReturnsParam
                                                  : ProvKind::ReturnsParamView,
                           CE, V.Root, CE->getExprLoc(), Callee->getName(), nullptr,
                           S->ReturnLocs[ParamIndex]);
        Value D = derived(V, P);
        Result.Facts.append(D.Facts.begin(), D.Facts.end());
        Result.Root = D.Root;
        Returns = true;
      } else if (!S->WritesParam[ParamIndex]) {
        read(V, CE);
      }
      continue;
    }
    read(V, CE);
  }
  if (Returns)
    return Result;
  if (isHolderType(CE->getType()) && CE->isPRValue() && !CE->getType()->isPointerType())
    return freshValue(CE);
  return {};
}

Value FunctionAnalyzer::evalConstruct(const CXXConstructExpr *CE) {
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  QualType T = CE->getType();
  if (Ctor && (Ctor->isCopyConstructor() || Ctor->isMoveConstructor()) &&
      CE->getNumArgs() >= 1 && isHolderType(T)) {
    Value V = eval(CE->getArg(0));
    V.IsHandle = false;
    return V;
  }
  if (isContainer(T)) {
    Value R;
    std::function<void(const Expr *)> Collect = [&](const Expr *E) {
      E = E->IgnoreImplicit();
      if (const auto *IL = dyn_cast<InitListExpr>(E)) {
        for (const Expr *Init : IL->inits())
          Collect(Init);
        return;
      }
      if (const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(E))
        return Collect(SIL->getSubExpr());
      Value V = eval(E);
      for (const Value::Fact &F : V.Facts)
        R.Facts.push_back(
            {F.S, F.From != NoId
                      ? provFor(ProvKind::Container, CE, F.From, E->getExprLoc(), "")
                      : F.P});
    };
    for (const Expr *A : CE->arguments())
      Collect(A);
    return R;
  }
  for (const Expr *A : CE->arguments())
    consume(A);
  if (Model.typeOf(T))
    return freshValue(CE);
  return {};
}

Value FunctionAnalyzer::evalLambda(const LambdaExpr *LE) {
  Value R;
  for (const LambdaCapture &C : LE->captures()) {
    if (!C.capturesVariable() || C.getCaptureKind() != LCK_ByCopy)
      continue;
    const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar());
    if (!VD)
      continue;
    HandleId H;
    if (auto It = RefAlias.find(VD); It != RefAlias.end())
      H = It->second;
    else if (isHolderType(VD->getType()))
      H = handleFor(VD, nullptr);
    else
      continue;
    ensureInitial(H);
    ProvId P = provFor(ProvKind::Lambda, LE, H, C.getLocation(), "");
    for (const PtsFact &F : Cur->factsOf(H))
      R.Facts.push_back({F.S, P});
  }
  return R;
}

void FunctionAnalyzer::evalDecl(const VarDecl *VD) {
  const Expr *Init = VD->getInit();
  if (VD->getType()->isReferenceType()) {
    if (!Init)
      return;
    Value V = eval(Init);
    // `Tensor &y = x.mul_(2)` names x itself, like `Tensor &r = x`.
    if (V.IsHandle || (V.InplaceCall && V.Root != NoId)) {
      RefAlias[VD] = V.Root;
      return;
    }
    // `Tensor &r = c ? a : b` refers to one of them, copies neither: keep
    // the storages, claim no copy.
    for (Value::Fact &F : V.Facts)
      F.From = NoId;
    if (isHolderType(VD->getType()))
      bind(handleFor(VD, nullptr), V, VD->getLocation(), VD);
    return;
  }
  if (!isHolderType(VD->getType())) {
    if (Init)
      consume(Init);
    return;
  }
  if (!Init)
    return;
  Value V = eval(Init);
  if (V.RawAccess && V.Root != NoId) {
    RefAlias[VD] = V.Root;
    return;
  }
  bind(handleFor(VD, nullptr), V, VD->getLocation(), VD);
}

void FunctionAnalyzer::evalReturn(const ReturnStmt *RS) {
  const Expr *RV = RS->getRetValue();
  if (!RV)
    return;
  Value V = eval(RV);
  const Expr *Stripped = RV;
  while (true) {
    Stripped = Stripped->IgnoreImplicit()->IgnoreParens();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Stripped);
        CE && CE->getNumArgs() == 1 && CE->getConstructor() &&
        (CE->getConstructor()->isCopyConstructor() || CE->getConstructor()->isMoveConstructor())) {
      Stripped = CE->getArg(0);
      continue;
    }
    break;
  }
  bool ReturnsHandleItself = false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Stripped))
    ReturnsHandleItself = isa<ParmVarDecl>(DRE->getDecl());
  for (const Value::Fact &F : V.Facts) {
    const StorageInfo &SI = Storages[F.S];
    if (SI.Kind != StorageKind::Param)
      continue;
    ReturnKind RK = ReturnsHandleItself ? ReturnKind::Same : ReturnKind::View;
    if (Summary.Returns[SI.ParamIndex] == ReturnKind::None) {
      Summary.Returns[SI.ParamIndex] = RK;
      Summary.ReturnLocs[SI.ParamIndex] = RS->getBeginLoc();
    }
  }
  read(V, RV);
}

void FunctionAnalyzer::transfer(const CFGElement &Elem) {
  // A variable leaving scope can neither read nor be read: dropping its facts
  // keeps the state as small as the set of live handles.
  if (auto End = Elem.getAs<CFGLifetimeEnds>()) {
    const VarDecl *VD = End->getVarDecl();
    if (!RefAlias.count(VD))
      if (auto It = HandleIds.find({VD, nullptr}); It != HandleIds.end())
        Cur->kill(It->second);
    return;
  }
  if (auto Init = Elem.getAs<CFGInitializer>()) {
    const CXXCtorInitializer *CI = Init->getInitializer();
    if (const FieldDecl *Field = CI->getMember(); Field && isHolderType(Field->getType())) {
      Value V = eval(CI->getInit());
      bind(handleFor(nullptr, Field), V, CI->getSourceLocation(), CI);
    } else {
      consume(CI->getInit());
    }
    return;
  }
  auto S = Elem.getAs<CFGStmt>();
  if (!S)
    return;
  const Stmt *St = S->getStmt();
  if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        evalDecl(VD);
    return;
  }
  if (const auto *RS = dyn_cast<ReturnStmt>(St))
    return evalReturn(RS);
  if (const auto *E = dyn_cast<Expr>(St))
    consume(E);
}

// --- Reporting ----------------------------------------------------------------

AliasEvent FunctionAnalyzer::describe(ProvId P, HandleId Holder) {
  const ProvInfo &PI = Provs[P];
  AliasEvent A;
  A.Kind = PI.Kind;
  A.Loc = PI.Loc;
  A.Holder = Holder != NoId ? Handles[Holder].Name : "";
  A.Source = PI.Source != NoId ? Handles[PI.Source].Name : "";
  A.Op = PI.Op;
  A.FixSource = PI.FixSource;
  A.SourceType = PI.SourceType;
  A.CalleeReturnLoc = PI.CalleeReturnLoc;
  return A;
}

void FunctionAnalyzer::reportParamWrite(unsigned Index, const Expr *Site, HandleId Writer,
                                        StringRef Op) {
  if (!Out || FD.getName().ends_with("_"))
    return;
  const ParmVarDecl *PD = FD.getParamDecl(Index);
  QualType T = PD->getType();
  if (T->isReferenceType() && !T.getNonReferenceType().isConstQualified())
    return; // `Tensor&`: writing the caller's tensor is the contract
  RawFinding F;
  F.Check = CheckKind::ParamMutation;
  F.WriteExpr = Site;
  F.WriteLoc = Site->getExprLoc();
  F.Writer = Writer != NoId ? Handles[Writer].Name : "";
  F.WriteOp = Op.str();
  F.Param = PD;
  Out->push_back(std::move(F));
}

void FunctionAnalyzer::reportStaleRead(const StaleFact &SF, HandleId Reader,
                                       const Expr *Site) {
  const Candidate &C = Cands[SF.C];
  RawFinding F;
  F.WriteExpr = C.Write;
  F.WriteLoc = C.Write->getExprLoc();
  F.Writer = C.Writer != NoId ? Handles[C.Writer].Name : "";
  F.WriteOp = C.WriteOp;
  F.ReadLoc = Site->getExprLoc();
  F.Reader = Handles[Reader].Name;
  if (C.SelfBound) {
    F.Check = CheckKind::InplaceReadLater;
    F.BoundName = Handles[C.Holder].Name;
    F.BoundLoc = BoundLocs.lookup(SF.C);
    F.InplaceCall = dyn_cast<CXXMemberCallExpr>(C.Write);
    F.Alias = describe(C.Alias, C.Holder);
    Out->push_back(std::move(F));
    return;
  }
  // The alias event belongs to whichever of writer and reader received it.
  HandleId Holder = Cur->provOf(Reader, SF.S) == C.Alias ? Reader : C.Writer;
  F.Alias = describe(C.Alias, Holder);
  switch (F.Alias.Kind) {
  case ProvKind::Copy:
  case ProvKind::ReturnsParam:
    F.Check = CheckKind::AssignInsteadOfClone;
    break;
  case ProvKind::View:
  case ProvKind::MayView:
  case ProvKind::ReturnsParamView:
    F.Check = CheckKind::ViewMutation;
    break;
  case ProvKind::Container:
  case ProvKind::Lambda:
  case ProvKind::InplaceResult:
    F.Check = CheckKind::InplaceReadLater;
    break;
  case ProvKind::Origin:
    return;
  }
  Out->push_back(std::move(F));
}

// --- Driver -----------------------------------------------------------------

/// Marks the sub-expressions of each CFG element: they are evaluated as part
/// of their element, in context, and skipped as elements of their own.
void collectCovered(const Stmt *S, DenseSet<const Stmt *> &Covered) {
  auto Visit = [&](const Stmt *Child, auto &Self) -> void {
    if (!Child || !Covered.insert(Child).second)
      return;
    if (isa<LambdaExpr>(Child))
      return;
    for (const Stmt *C : Child->children())
      Self(C, Self);
  };
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        Visit(VD->getInit(), Visit);
    return;
  }
  for (const Stmt *C : S->children())
    Visit(C, Visit);
}

/// Tarjan's SCCs, iteratively (llvm::scc_iterator trips over the CFG's null
/// successor edges; recursion would overflow on huge functions): a block in
/// a cycle may run several times per call.
std::vector<bool> blocksInCycles(const CFG &G) {
  unsigned N = G.getNumBlockIDs();
  std::vector<int> Index(N, -1), Low(N, 0);
  std::vector<bool> OnStack(N, false), InCycle(N, false);
  std::vector<unsigned> Stack;
  int Next = 0;
  struct Frame {
    const CFGBlock *B;
    CFGBlock::const_succ_iterator It;
  };
  std::vector<Frame> Calls;
  for (const CFGBlock *Root : G) {
    if (Index[Root->getBlockID()] >= 0)
      continue;
    auto Enter = [&](const CFGBlock *B) {
      unsigned V = B->getBlockID();
      Index[V] = Low[V] = Next++;
      Stack.push_back(V);
      OnStack[V] = true;
      Calls.push_back({B, B->succ_begin()});
    };
    Enter(Root);
    while (!Calls.empty()) {
      Frame &F = Calls.back();
      unsigned V = F.B->getBlockID();
      if (F.It != F.B->succ_end()) {
        const CFGBlock *Succ = *F.It++;
        if (!Succ)
          continue;
        unsigned W = Succ->getBlockID();
        if (W == V)
          InCycle[V] = true;
        if (Index[W] < 0)
          Enter(Succ);
        else if (OnStack[W])
          Low[V] = std::min(Low[V], Index[W]);
        continue;
      }
      Calls.pop_back();
      if (!Calls.empty()) {
        unsigned Parent = Calls.back().B->getBlockID();
        Low[Parent] = std::min(Low[Parent], Low[V]);
      }
      if (Low[V] != Index[V])
        continue;
      SmallVector<unsigned, 8> Component;
      unsigned W;
      do {
        W = Stack.back();
        Stack.pop_back();
        OnStack[W] = false;
        Component.push_back(W);
      } while (W != V);
      if (Component.size() > 1)
        for (unsigned C : Component)
          InCycle[C] = true;
    }
  }
  return InCycle;
}

/// Reverse post-order from the entry, iteratively, skipping null edges: the
/// worklist then visits a block after its forward predecessors.
SmallVector<const CFGBlock *, 32> reversePostOrder(const CFG &G) {
  SmallVector<const CFGBlock *, 32> Order;
  std::vector<bool> Seen(G.getNumBlockIDs(), false);
  std::vector<std::pair<const CFGBlock *, CFGBlock::const_succ_iterator>> Calls;
  Seen[G.getEntry().getBlockID()] = true;
  Calls.push_back({&G.getEntry(), G.getEntry().succ_begin()});
  while (!Calls.empty()) {
    auto &[B, It] = Calls.back();
    if (It != B->succ_end()) {
      const CFGBlock *Succ = *It++;
      if (Succ && !Seen[Succ->getBlockID()]) {
        Seen[Succ->getBlockID()] = true;
        Calls.push_back({Succ, Succ->succ_begin()});
      }
      continue;
    }
    Order.push_back(B);
    Calls.pop_back();
  }
  std::reverse(Order.begin(), Order.end());
  return Order;
}

void FunctionAnalyzer::run(std::vector<RawFinding> *Findings) {
  const Stmt *Body = FD.getBody();
  if (!Body)
    return;
  CFG::BuildOptions Options;
  Options.AddInitializers = true;
  Options.AddLifetime = true;
  std::unique_ptr<CFG> G = CFG::buildCFG(&FD, const_cast<Stmt *>(Body), &Ctx, Options);
  if (!G)
    return;

  DenseSet<const Stmt *> Covered;
  for (const CFGBlock *B : *G)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>())
        collectCovered(S->getStmt(), Covered);

  std::vector<bool> InLoop = blocksInCycles(*G);

  SmallVector<const CFGBlock *, 32> Order = reversePostOrder(*G);
  std::vector<unsigned> RPOIndex(G->getNumBlockIDs(), 0);
  for (unsigned I = 0; I < Order.size(); ++I)
    RPOIndex[Order[I]->getBlockID()] = I;

  std::vector<std::optional<State>> In(G->getNumBlockIDs());
  State Entry;
  for (unsigned I = 0; I < FD.getNumParams(); ++I) {
    const ParmVarDecl *PD = FD.getParamDecl(I);
    if (!isHolderType(PD->getType()) || PD->getType()->isPointerType())
      continue;
    Entry.add(handleFor(PD, nullptr), storageFor(PD, false, StorageKind::Param, I),
              originProv());
  }
  In[G->getEntry().getBlockID()] = std::move(Entry);

  auto runBlock = [&](const CFGBlock *B, State &S) {
    Cur = &S;
    CurrentBlockInLoop = InLoop[B->getBlockID()];
    for (const CFGElement &E : *B) {
      if (auto CS = E.getAs<CFGStmt>(); CS && Covered.count(CS->getStmt()))
        continue;
      transfer(E);
    }
    Cur = nullptr;
  };

  std::set<unsigned> Worklist{RPOIndex[G->getEntry().getBlockID()]};
  while (!Worklist.empty()) {
    const CFGBlock *B = Order[*Worklist.begin()];
    Worklist.erase(Worklist.begin());
    State S = *In[B->getBlockID()];
    runBlock(B, S);
    for (const CFGBlock *Succ : B->succs()) {
      if (!Succ)
        continue;
      std::optional<State> &SuccIn = In[Succ->getBlockID()];
      bool Changed;
      if (!SuccIn) {
        SuccIn = S;
        Changed = true;
      } else {
        Changed = SuccIn->join(S);
      }
      if (Changed)
        Worklist.insert(RPOIndex[Succ->getBlockID()]);
    }
  }

  if (!Findings)
    return;
  // Replay over the fixed in-states: every report sees the complete story.
  Out = Findings;
  for (const CFGBlock *B : Order) {
    if (!In[B->getBlockID()])
      continue;
    State S = *In[B->getBlockID()];
    runBlock(B, S);
  }
  Out = nullptr;
}

} // namespace

const FunctionSummary *SummaryCache::get(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def)
    return nullptr;
  if (Ctx.getSourceManager().isInSystemHeader(Def->getLocation()) ||
      Def->isDependentContext())
    return nullptr;
  if (auto It = Done.find(Def); It != Done.end())
    return It->second.get();
  if (!InProgress.insert(Def).second)
    return nullptr;
  FunctionSummary S = analyzeFunction(*Def, Ctx, Model, *this, nullptr);
  InProgress.erase(Def);
  std::unique_ptr<FunctionSummary> &Slot = Done[Def];
  Slot = std::make_unique<FunctionSummary>(std::move(S));
  return Slot.get();
}

void SummaryCache::store(const FunctionDecl *FD, FunctionSummary S) {
  if (!Done.count(FD))
    Done[FD] = std::make_unique<FunctionSummary>(std::move(S));
}

FunctionSummary analyzeFunction(const FunctionDecl &FD, ASTContext &Ctx,
                                const ApiModel &Model, SummaryCache &Summaries,
                                std::vector<RawFinding> *Findings) {
  FunctionAnalyzer A(FD, Ctx, Model, Summaries);
  A.run(Findings);
  return A.takeSummary();
}

} // namespace aliasguard
