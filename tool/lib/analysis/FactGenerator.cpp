//===- analysis/FactGenerator.cpp - AST to facts, once per function -------===//
//
// One visitor method per C++ construct. Each CFG element's full expression
// is evaluated in context - its sub-expressions are skipped as elements of
// their own - so the generator knows whether a handle is read, copied,
// viewed, written or only asked for metadata. The facts are emitted in the
// order the old values would be computed: the dataflow replays them.
//
//===----------------------------------------------------------------------===//
#include "analysis/FactGenerator.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <algorithm>
#include <optional>

using namespace clang;
using namespace llvm;

namespace aliasguard {

class FactGenerator;

namespace {

/// What the generator knows of an expression without running the dataflow:
/// which value (%n) holds its storages, and how it relates to a handle.
struct GenValue {
  ValueId Id = NoId;
  HandleId Root = NoId;                           ///< the handle this is, or a temporary view of
  bool IsHandle = false;                          ///< names the handle itself (an lvalue)
  const CXXMemberCallExpr *InplaceCall = nullptr; ///< `x.mul_(2)`'s result
  bool RawAccess = false; ///< a pointer into Root's data: naming it names Root
  /// Names a tensor element of the container Root (`v[0]`, a range-for
  /// reference): assigning to it stores into Root, writing through it
  /// writes Root's storages, copying it is an alias event.
  bool Element = false;
  const Expr *ElementExpr = nullptr; ///< which element (`v[i]`), when Element
  /// The result of this call (or a view of it), which returns its argument
  /// Root: reading it is reading the call's result, which includes the
  /// call's own writes.
  const Expr *ResultOf = nullptr;
  /// A view known not to be contiguous (`x.transpose(0, 1)`): `contiguous()`
  /// of it is a copy.
  bool NonContiguous = false;
  /// A member of the module Root, or derived from one (`model->fc->weight`,
  /// `model->fc->parameters()`): the fields from the module to the member.
  SmallVector<const FieldDecl *, 2> Members;
};

constexpr llvm::StringLiteral TestPointPrefix = "__aliasguard_point_";

/// The name of the standard function \p E calls directly (`make_pair` in
/// `std::make_pair(a, b)`, `move`); empty for any other expression.
StringRef stdCalleeName(const Expr *E) {
  const auto *CE = dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
  return Callee && Callee->isInStdNamespace() && Callee->getIdentifier() ? Callee->getName()
                                                                         : StringRef();
}

/// A call of the standard function \p Name (`std::make_pair`, `std::tie`).
bool isStdCall(const Expr *E, StringRef Name) { return stdCalleeName(E) == Name; }

/// The object a holder's or pointer's `operator->` is called on (`model` in
/// `model->fc`, through `model.operator->()`); else \p E. Both through
/// parentheses and implicit casts.
const Expr *throughHolderArrow(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
      OC && OC->getOperator() == OO_Arrow && OC->getNumArgs() == 1)
    return OC->getArg(0)->IgnoreParenImpCasts();
  return E;
}

/// The variable \p E names, through parentheses and implicit casts.
const VarDecl *namedVariable(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

/// \p E through implicit nodes, parentheses, functional casts, copy and
/// move constructors and `std::move`: the group (or vector of groups) an
/// argument passes on (`OptimizerParamGroup(m->parameters())`, `groups`).
const Expr *stripGroupCopies(const Expr *E, const LibraryModel &Lib) {
  while (true) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = FC->getSubExpr();
      continue;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
        CE && CE->getNumArgs() == 1 && CE->getConstructor() &&
        CE->getConstructor()->isCopyOrMoveConstructor()) {
      E = CE->getArg(0);
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && Call->getNumArgs() == 1 && Lib.MoveFunctions.contains(stdCalleeName(Call))) {
      E = Call->getArg(0);
      continue;
    }
    return E;
  }
}

/// Whether \p L's body assigns its by-copy capture \p Var (`t = t * 2`):
/// the closure's copy then holds another storage from that call on, so
/// which storage a later call writes is not known.
bool rebindsCapture(const LambdaExpr &L, const VarDecl *Var) {
  bool Found = false;
  auto Visit = [&](const Stmt *S, auto &Self) -> void {
    if (!S || Found)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp())
      Found |= namedVariable(BO->getLHS()) == Var;
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S);
        OC && OC->getOperator() == OO_Equal && OC->getNumArgs() > 0)
      Found |= namedVariable(OC->getArg(0)) == Var;
    for (const Stmt *C : S->children())
      Self(C, Self);
  };
  Visit(L.getBody(), Visit);
  return Found;
}

/// Whether the body of \p FD calls its parameter \p PD (`f()`,
/// `f.operator()()`, `std::invoke(f, ...)`), or passes it to a function
/// that does (up to \p Depth calls deep). Calls inside lambdas written there
/// are not counted: when they run is not known.
/// Calls \p Visit for each element an argument lists: the argument itself,
/// or the elements of a braced list (`{a, b}`, `std::initializer_list`),
/// nested lists flattened.
void forEachListedElement(const Expr *Init, function_ref<void(const Expr *)> Visit) {
  Init = Init->IgnoreImplicit();
  if (const auto *IL = dyn_cast<InitListExpr>(Init)) {
    for (const Expr *Element : IL->inits())
      forEachListedElement(Element, Visit);
    return;
  }
  if (const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(Init))
    return forEachListedElement(SIL->getSubExpr(), Visit);
  Visit(Init);
}

bool callsParameter(const FunctionDecl &FD, const ParmVarDecl *PD, const SummaryMap &Summaries,
                    unsigned Depth = 3) {
  auto Names = [&](const Expr *E) {
    // `std::forward<F>(f)`, `std::move(f)`, a `std::function` made of f.
    while (true) {
      E = E->IgnoreImplicit()->IgnoreParenImpCasts();
      if (const auto *CE = dyn_cast<CallExpr>(E);
          CE && CE->getNumArgs() == 1 && (isStdCall(CE, "forward") || isStdCall(CE, "move")))
        E = CE->getArg(0);
      else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
               Construct && Construct->getNumArgs() == 1)
        E = Construct->getArg(0);
      else
        break;
    }
    return namedVariable(E) == PD;
  };
  bool Found = false;
  auto Visit = [&](const Stmt *S, auto &Self) -> void {
    if (!S || Found || isa<LambdaExpr>(S))
      return;
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S);
        OC && OC->getOperator() == OO_Call && OC->getNumArgs() > 0 && Names(OC->getArg(0)))
      Found = true;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S);
        MC && MC->getMethodDecl() && MC->getMethodDecl()->getOverloadedOperator() == OO_Call &&
        Names(MC->getImplicitObjectArgument()))
      Found = true;
    if (const auto *CE = dyn_cast<CallExpr>(S); CE && !isa<CXXOperatorCallExpr>(CE)) {
      if (isStdCall(CE, "invoke") && CE->getNumArgs() > 0 && Names(CE->getArg(0)))
        Found = true;
      const FunctionDecl *Def = Depth > 0 ? Summaries.summarised(CE->getDirectCallee()) : nullptr;
      for (unsigned I = 0; Def && !Found && I < CE->getNumArgs() && I < Def->getNumParams(); ++I)
        if (Names(CE->getArg(I)) && Def != &FD)
          Found = callsParameter(*Def, Def->getParamDecl(I), Summaries, Depth - 1);
    }
    for (const Stmt *C : S->children())
      Self(C, Self);
  };
  Visit(FD.getBody(), Visit);
  return Found;
}

/// A standard algorithm that calls the closure it gets as its last
/// argument (on the elements of its input ranges, in order, unless it
/// stops early), with the arity of its plain form (no execution policy) and
/// which arguments are the input ranges the closure's parameters are
/// elements of (none: the closure's parameter writes are not followed).
struct ClosureAlgorithm {
  StringRef Name;
  unsigned Arity;
  SmallVector<unsigned, 2> ElementRanges;
};
const ClosureAlgorithm *closureAlgorithm(const FunctionDecl &Callee, unsigned NumArgs) {
  static const ClosureAlgorithm Table[] = {
      {"for_each", 3, {0}}, {"for_each_n", 3, {0}}, {"transform", 4, {0}}, {"transform", 5, {0, 2}},
      {"generate", 3, {}},  {"generate_n", 3, {}},  {"all_of", 3, {}},     {"any_of", 3, {}},
      {"none_of", 3, {}},   {"count_if", 3, {}},    {"find_if", 3, {}},
  };
  if (!Callee.isInStdNamespace() || !Callee.getIdentifier())
    return nullptr;
  for (const ClosureAlgorithm &A : Table)
    if (A.Name == Callee.getName() && A.Arity == NumArgs)
      return &A;
  return nullptr;
}

} // namespace

class FactGenerator : public ConstStmtVisitor<FactGenerator, GenValue> {
public:
  FactGenerator(FunctionFacts &Out, ASTContext &Ctx, const ApiModel &Model,
                const SummaryMap &Summaries)
      : Out(Out), T(Out.tables()), Ctx(Ctx), Model(Model), Lib(Model.library()),
        Summaries(Summaries) {}

  void run();

  // --- Constructs -------------------------------------------------------------
  GenValue VisitParenExpr(const ParenExpr *E) { return eval(E->getSubExpr()); }
  GenValue VisitFullExpr(const FullExpr *E) { return eval(E->getSubExpr()); }
  GenValue VisitMaterializeTemporaryExpr(const MaterializeTemporaryExpr *E) {
    return eval(E->getSubExpr());
  }
  GenValue VisitCXXBindTemporaryExpr(const CXXBindTemporaryExpr *E) {
    return eval(E->getSubExpr());
  }
  GenValue VisitImplicitCastExpr(const ImplicitCastExpr *E);
  GenValue VisitExplicitCastExpr(const ExplicitCastExpr *E);
  GenValue VisitCXXDefaultArgExpr(const CXXDefaultArgExpr *) { return {}; }
  GenValue VisitCXXDefaultInitExpr(const CXXDefaultInitExpr *) { return {}; }
  GenValue VisitUnaryExprOrTypeTraitExpr(const UnaryExprOrTypeTraitExpr *) { return {}; }
  GenValue VisitCXXTypeidExpr(const CXXTypeidExpr *) { return {}; }
  GenValue VisitCXXNoexceptExpr(const CXXNoexceptExpr *) { return {}; }
  GenValue VisitOpaqueValueExpr(const OpaqueValueExpr *) { return {}; }
  GenValue VisitDeclRefExpr(const DeclRefExpr *E);
  GenValue VisitMemberExpr(const MemberExpr *E);
  GenValue VisitCXXMemberCallExpr(const CXXMemberCallExpr *E);
  GenValue VisitCXXOperatorCallExpr(const CXXOperatorCallExpr *E);
  GenValue VisitCallExpr(const CallExpr *E);
  GenValue VisitCXXConstructExpr(const CXXConstructExpr *E);
  GenValue VisitLambdaExpr(const LambdaExpr *E);
  GenValue VisitAbstractConditionalOperator(const AbstractConditionalOperator *E);
  GenValue VisitArraySubscriptExpr(const ArraySubscriptExpr *E);
  GenValue VisitUnaryOperator(const UnaryOperator *E);
  GenValue VisitBinaryOperator(const BinaryOperator *E);
  GenValue VisitCXXNewExpr(const CXXNewExpr *E);
  GenValue VisitStmt(const Stmt *S) {
    for (const Stmt *Child : S->children())
      if (const auto *E = dyn_cast_or_null<Expr>(Child))
        consume(E);
    return {};
  }

private:
  // --- Statements and CFG elements ------------------------------------------
  void element(const CFGElement &Elem);
  void declaration(const VarDecl *VD);
  /// A range-for loop variable over the container \p Range refers to;
  /// false (nothing emitted) when the range is no named container.
  bool loopVariable(const VarDecl *VD, const VarDecl *Range);
  void returnStatement(const ReturnStmt *RS);

  // --- Calls ------------------------------------------------------------------
  GenValue memberCall(const Expr *Call, const Expr *Object, StringRef Method,
                      ArrayRef<const Expr *> Args, const CXXMethodDecl *MD);
  GenValue tensorMethodCall(const Expr *Call, const GenValue &Obj, const Expr *Object,
                            StringRef Method, ArrayRef<const Expr *> Args, const CXXMethodDecl *MD,
                            const TypeModel &TM);
  GenValue containerMethodCall(const Expr *Call, const Expr *Object, StringRef Method,
                               ArrayRef<const Expr *> Args);
  /// `a.squeeze_()`: a's TensorImpl changes shape (ApiModel's MetadataWrite).
  GenValue metadataWrite(const Expr *Call, const GenValue &Obj, StringRef Method,
                         ArrayRef<const Expr *> Args, const CXXMethodDecl *MD);
  /// With \p ArgValues, also gives the arguments' values (by parameter).
  GenValue summarisedCall(const Expr *CE, const FunctionDecl *Callee, ArrayRef<const Expr *> Args,
                          SmallVectorImpl<GenValue> *ArgValues = nullptr);
  // LibTorch's modules and optimizers (LibraryModel: modules hold their
  // parameters' storages, optimizers the handles they are built from).
  std::optional<GenValue> libraryObjectCall(const Expr *Call, const Expr *Object, StringRef Method,
                                            ArrayRef<const Expr *> Args);
  std::optional<GenValue> moduleField(const MemberExpr *E);
  std::optional<GenValue> libraryObjectConstruction(const CXXConstructExpr *E);
  /// An optimizer made from \p Args (`SGD opt(params, ...)`,
  /// `std::make_shared<Adam>(params, ...)`): it holds argument 0's handles.
  GenValue optimizerConstruction(const Expr *Site, ArrayRef<const Expr *> Args);
  /// The module field of `*this` whose parameters the optimizer field \p Opt
  /// of \p RD is built over wherever the class sets it (constructor
  /// initialisers, `opt_ = std::make_unique<Adam>(net_->parameters())`,
  /// `opt_.reset(new Adam(...))`), with that `parameters()` call; null when
  /// it is set any other way, over different modules, or never.
  const FieldDecl *optimizerModuleField(const CXXRecordDecl &RD, const FieldDecl *Opt,
                                        const Expr *&ParamsCall) const;
  /// At the entry of a method: each optimizer field of `*this` that the
  /// class always builds over a module field's parameters holds them.
  void optimizerFieldsAtEntry(const CXXRecordDecl &RD);
  // Parameter groups (issue 12): `std::vector<OptimizerParamGroup>`,
  // `add_param_group`, optimizers made with `new` or pointed to.
  /// The parameter list one group expression holds (`OptimizerParamGroup(
  /// m->parameters(), opts)`, a braced or converted list): argument 0's
  /// value; nothing (the expression consumed) for any other group.
  GenValue paramGroupParams(const Expr *Group);
  /// `model->parameters()`, `net_->parameters()`, `model->fc->parameters()`:
  /// the list of a module whose storages the analysis knows (a variable,
  /// parameter or field, or members of a named module down from it); not
  /// a module some call returned.
  bool followedParameterList(const Expr *List) const;
  /// The storages a vector of groups holds: a tracked local vector
  /// (ParamGroupLists), a braced list of groups; nothing otherwise.
  GenValue paramGroupList(const Expr *List);
  /// `std::vector<OptimizerParamGroup> groups{...};` of ParamGroupLists:
  /// a handle holding its groups' parameters.
  bool paramGroupsDeclaration(const VarDecl *VD);
  /// `groups.push_back(OptimizerParamGroup(m->parameters()))`,
  /// `groups.emplace_back(m->parameters(), ...)` on a tracked vector.
  std::optional<GenValue> paramGroupsCall(const Expr *Call, const Expr *Object, StringRef Method,
                                          ArrayRef<const Expr *> Args);
  /// `opt.add_param_group(OptimizerParamGroup(m->parameters()))`: the
  /// optimizer now holds the group's parameters too.
  void addParamGroup(const GenValue &Opt, const Expr *Call, ArrayRef<const Expr *> Args);
  /// `Optimizer *opt = &sgd;`: a never-changed local pointer to a local
  /// optimizer is that optimizer's handle.
  bool optimizerPointerDeclaration(const VarDecl *VD);
  /// In the constructor \p Ctor, the module field initialised with a copy
  /// of the parameter \p Object names (`: net_(net)` for `net`), or null.
  const FieldDecl *moduleFieldCopiedFrom(const CXXConstructorDecl &Ctor, const Expr *Object) const;
  /// The object a member call's fields belong to: null for `*this`, a
  /// local or parameter of class type; none for anything else.
  std::optional<const ValueDecl *> objectBase(const Expr *Object) const;
  /// A call of a summarised member function on \p Base's object: its
  /// parameters' effects, and what it does to the object's tensor fields.
  GenValue objectCall(const Expr *Call, const ValueDecl *Base, const FunctionDecl *Callee,
                      ArrayRef<const Expr *> Args, const FunctionSummary &S);
  /// A call of a summarised method of a named module (`model->shrink()`):
  /// what it does to a field of its object it does to that member of the
  /// module's storage; a getter returns a view of the member.
  GenValue moduleMethodCall(const Expr *Call, const GenValue &Module, const FunctionDecl *Callee,
                            ArrayRef<const Expr *> Args, const FunctionSummary &S);
  /// A closure call: the reads and writes its body makes of the variables
  /// it captures by reference, and its writes through its by-copy captures
  /// (handle copies: the storage the capture took), made here.
  void applyCaptures(const Expr *Call, const Expr *Closure, const FunctionSummary &S);
  /// The call operator of the lambda a `std::function` variable was
  /// initialised with and never reassigned; null otherwise.
  const CXXMethodDecl *storedLambda(const Expr *Object) const;
  /// The call operator of the closure \p Arg passes - a lambda written
  /// there, a closure variable, a local `std::function` holding a lambda,
  /// through `std::function`'s constructor - and the expression naming the
  /// closure (the lambda or the variable); null when it is no known closure.
  std::pair<const CXXMethodDecl *, const Expr *> passedClosure(const Expr *Arg) const;
  /// `apply(f)`, `run([&] {...})`, `std::for_each(b, e, f)`: a closure
  /// argument the callee calls (a summarised callee whose body calls that
  /// parameter, or a listed std algorithm) does its effects at the call.
  void closureArguments(const Expr *Call, const FunctionDecl &Callee, ArrayRef<const Expr *> Args);
  /// `auto f = [t]() mutable {...};`: each by-copy capture of a tensor gets
  /// a handle of its own, (f, the capture's field), holding the storage the
  /// closure copied, so a call writes that storage even after t is rebound.
  void closureDeclaration(const VarDecl *VD);
  /// Binds the handles of \p L's by-copy captures, keyed by \p Owner (the
  /// closure variable, or L's call operator for a temporary closure), to the
  /// values L copied in the current element.
  void bindCapturedCopies(const ValueDecl *Owner, const LambdaExpr *L);
  /// The handle of the copy of \p Var that the closure \p Owner holds, or
  /// NoId.
  HandleId capturedCopy(const ValueDecl *Owner, const LambdaExpr *L, const VarDecl *Var) const;
  /// `Agent *p = &agent;`, `auto sp = std::make_shared<Agent>(...);`, a copy
  /// of such a pointer: a local pointer to an object, never changed, whose
  /// member calls act on known field handles (ObjectPointee).
  bool objectPointerDeclaration(const VarDecl *VD);
  /// The handle of \p Field of the object \p Base (null: `*this`); the
  /// object a smart pointer owns is named through it (`sp->state_`).
  HandleId objectField(const ValueDecl *Base, const FieldDecl *Field) {
    if (Base && OwnedObjectBases.contains(Base))
      return T.handleFor(Base, Field, Out.Strings.save(nameOf(*Base) + "->" + nameOf(*Field)));
    return T.handleFor(Base, Field);
  }

  // --- Aggregates: std::pair, std::tuple, structs holding tensors -------------
  // Each tensor element of an aggregate variable is a handle of its own
  // (`pr.first`, `std::get<1>(t)`, `s.h`), so copying the aggregate copies
  // handles (Copy provenance, like `auto b = a;`) and a write through one
  // element is that element's write only.
  enum class AggregateKind { None, Pair, Tuple, Struct };
  /// How many aggregates deep tensors are followed: `pr.first` is 1,
  /// `pr.first.first` and `s.io.first` are 2.
  static constexpr unsigned MaxAggregateDepth = 3;
  /// One step from an aggregate to one of its elements: the field that holds
  /// it (the library's field for a tuple's element) and its position for
  /// `std::get`, structured bindings and brace initialisers.
  struct SlotStep {
    const FieldDecl *Field;
    unsigned Position;
    bool TupleElement; ///< named `std::get<I>(...)`, not by its field
  };
  /// A tensor element of an aggregate, directly or inside aggregates nested
  /// in it (`pr.first.first`): the steps from the aggregate down to it.
  struct Slot {
    const FieldDecl *Field; ///< the tensor's own field (Steps.back())
    unsigned Position;      ///< the top-level position (Steps.front())
    SmallVector<SlotStep, 2> Steps;
  };
  /// A value for one slot of an aggregate, with where it comes from.
  struct SlotValue {
    GenValue V;
    SourceLocation Loc; ///< invalid: the caller's location
    const void *Site = nullptr;
    bool ParamItself = false; ///< a parameter itself (`{x, y}`), not a view of it
  };
  /// An aggregate variable, or an aggregate nested in one (`pr.first`,
  /// `std::get<0>(t)`, a reference bound to one): the variable whose slots
  /// hold its elements, the steps down to it, and its type.
  struct AggregatePart {
    const VarDecl *Base = nullptr;
    SmallVector<SlotStep, 2> Prefix;
    QualType Type;
  };
  /// Pair, Tuple, a plain Struct (whatever its fields), or None.
  AggregateKind aggregateShape(QualType Type) const;
  /// Pair, Tuple, Struct holding tensors (directly or in nested aggregates).
  AggregateKind aggregateKind(QualType Type, unsigned Depth = 0) const;
  /// The number of positions (fields, tuple elements) of an aggregate.
  unsigned aggregateArity(QualType Type) const;
  /// The element at \p Position of an aggregate: its step and its type.
  std::optional<std::pair<SlotStep, QualType>> aggregateElement(QualType Type,
                                                                unsigned Position) const;
  /// The tensor elements of an aggregate, nested ones included, outer
  /// positions first.
  SmallVector<Slot, 2> aggregateSlots(QualType Type, unsigned Depth = 0) const;
  const FieldDecl *tupleLeaf(const CXXRecordDecl *RD, unsigned Index, QualType Element,
                             unsigned Depth) const;
  /// The aggregate variable whose slots \p VD's are (itself, or the one a
  /// reference such as `auto &[x, y] = pr;` refers to).
  const VarDecl *aggregateBase(const VarDecl *VD) const {
    auto It = AggregateRefs.find(VD);
    return It == AggregateRefs.end() ? VD : It->second;
  }
  /// The aggregate variable \p E names, if any.
  const VarDecl *namedAggregate(const Expr *E) const;
  /// The aggregate \p E names: a variable, or an aggregate element of one
  /// (`pr.first`, `std::get<0>(t)`, a binding or reference naming one).
  std::optional<AggregatePart> aggregatePart(const Expr *E) const;
  /// The position `std::get<I>` or `std::get<T>` (\p E) takes of \p Type.
  std::optional<unsigned> getPosition(const CallExpr *E, QualType Type) const;
  /// The slots of \p P's variable under \p P (whole: the first steps are P's).
  SmallVector<Slot, 2> partSlots(const AggregatePart &P) const;
  /// Whether \p A below its first \p SkipA steps and \p B below \p SkipB
  /// are at the same positions (an element and its copy).
  static bool samePositions(const Slot &A, unsigned SkipA, const Slot &B, unsigned SkipB);
  HandleId slotHandle(const VarDecl *Base, const Slot &S);
  /// What each slot (aggregateSlots(Type)) of the aggregate \p Init holds:
  /// copies of a named aggregate's elements, the arguments of
  /// `std::make_pair`/`make_tuple` or of a constructor or braces (nested
  /// too), the parameters a summarised callee returns in them, else (a
  /// call's result) a fresh storage each.
  SmallVector<SlotValue, 2> aggregateValues(const Expr *Init, QualType Type);
  /// `split(x)` of a function whose summary says which parameters the
  /// elements of the aggregate it returns hold (FunctionSummary::Elements):
  /// the call's effects, and each slot's value; none for any other call.
  std::optional<SmallVector<SlotValue, 2>> summarisedAggregateCall(const Expr *E, QualType Type,
                                                                   ArrayRef<Slot> Slots);
  /// A declaration of an aggregate (structured bindings included); false
  /// when it is left to the other constructs (a user constructor).
  bool aggregateDeclaration(const VarDecl *VD);
  /// `std::get<I>(t)`, `std::get<T>(t)` of a named pair or tuple: the
  /// element's handle.
  std::optional<GenValue> tupleGet(const CallExpr *E);
  /// `pr.first`, `s.h`, `pr.first.first` (also through a reference).
  std::optional<GenValue> aggregateMember(const MemberExpr *E);
  /// A structured binding names its element (`x` of `auto [x, y] = pr;`).
  GenValue bindingRef(const DeclRefExpr *E, const BindingDecl *BD);
  /// `s2 = s1`, `pr = std::make_pair(c, d)`, `std::tie(x, y) = f()`: each
  /// target handle is rebound to its position's value.
  std::optional<GenValue> aggregateAssignment(const CXXOperatorCallExpr *E);
  /// `use(pr)`, `print(s)`: an aggregate passed whole to a parameter taken
  /// by value or const reference reads each of its tensor elements (a
  /// non-const reference may rebind them first: no read).
  void readAggregateArgument(const Expr *Arg, QualType ParamType, const Expr *Site);
  /// readAggregateArgument for each of a call's arguments; \p Args start
  /// at the callee's parameter \p FirstParam.
  void readAggregateArguments(const FunctionDecl *Callee, ArrayRef<const Expr *> Args,
                              const Expr *Site, unsigned FirstParam = 0);
  /// An aggregate variable leaves scope: so do its elements.
  void killSlots(const VarDecl *VD, SourceLocation Loc);

  // --- Pointers to tensor handles -----------------------------------------------
  /// `Tensor *p = &t;` (or `= q` of such a q) of a local pointer that is
  /// never changed: `*p` and `p->` are t's handle itself, so writes through
  /// p are t's writes. False for any other declaration.
  /// The initialiser of `VD` if it is a local pointer to a tensor type that
  /// is never changed (what both pointer declarations below follow); else null.
  const Expr *unchangedLocalPointerInit(const VarDecl *VD) const;
  bool pointerDeclaration(const VarDecl *VD);
  /// `auto sp = std::make_shared<Tensor>(t);` (make_unique too): sp's
  /// pointee is a handle of its own, a copy of t; `auto sp2 = sp;` points to
  /// the same handle. Only for smart pointers that are never changed.
  bool smartPointerDeclaration(const VarDecl *VD);
  /// `auto *w = named.find("fc.weight");` of a library map handle (a local
  /// pointer never changed): `*w` and `w->` name that element of the map.
  bool libraryMapFindDeclaration(const VarDecl *VD);
  /// The element \p E (`*w`, `w` of `w->f()`) names through a pointer found
  /// in a library map, if \p Pointer is one.
  std::optional<GenValue> foundElement(const Expr *Pointer, const Expr *E) {
    Pointer = Pointer->IgnoreParenImpCasts();
    const auto *DRE = dyn_cast<DeclRefExpr>(Pointer);
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    auto It = VD ? FoundElementOf.find(VD) : FoundElementOf.end();
    if (It == FoundElementOf.end())
      return std::nullopt;
    GenValue V = load(It->second, E);
    V.IsHandle = false;
    V.Element = true;
    return V;
  }
  /// The handle the pointer \p E points to (`p`, `sp`, `sp.operator->()`),
  /// or NoId.
  HandleId pointee(const Expr *E) const {
    E = E->IgnoreParenImpCasts();
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
        OC && OC->getOperator() == OO_Arrow && OC->getNumArgs() == 1 &&
        isTensorSmartPointer(OC->getArg(0)->IgnoreParenImpCasts()->getType()))
      E = OC->getArg(0)->IgnoreParenImpCasts();
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    auto It = VD ? PointeeOf.find(VD) : PointeeOf.end();
    return It == PointeeOf.end() ? NoId : It->second;
  }

  // --- Raw buffers written by calls ------------------------------------------
  /// `std::vector<float>`, `float[4]`, `float *`: a variable of such a type
  /// is a raw buffer handle (a tensor made over it with from_blob views it).
  bool isRawBufferType(QualType Type) const {
    Type = Type.getNonReferenceType().getCanonicalType();
    if (const auto *PT = Type->getAs<PointerType>())
      return PT->getPointeeType()->isArithmeticType();
    if (const auto *AT = dyn_cast<ArrayType>(Type.getTypePtr()))
      return AT->getElementType()->isArithmeticType();
    return isNumberContainer(Type);
  }
  /// The raw buffer handle \p Arg points into - `buf`, `buf + k`, `&buf[k]`,
  /// `v.data()`, `v.begin()`, `&v[0]`, `std::data(v)`, through casts - or
  /// NoId.
  HandleId bufferPointee(const Expr *Arg);
  /// The call \p Call writes the raw buffer \p Arg points into, if any.
  void bufferWrite(const Expr *Call, const Expr *Arg, StringRef Op);
  /// `memcpy(buf, ...)`, `std::fill(v.begin(), ...)`
  /// (LibraryModel::BufferWriteFunctions): the buffer the call writes;
  /// false (nothing emitted) for any other call.
  bool libraryBufferWrite(const CallExpr *E, const FunctionDecl &Callee);
  /// `cap.read(frame.data())`, `fill_frame(buf)`: the buffers a call may
  /// write through a parameter the callee declares as a non-const pointer
  /// (or, unless \p PointersOnly, a non-const reference to a number
  /// container). A summary knows a container reference's writes; a pointer
  /// parameter it does not follow.
  void argumentBufferWrites(const Expr *Call, const FunctionDecl &Callee,
                            ArrayRef<const Expr *> Args, bool PointersOnly);

  // --- Values -----------------------------------------------------------------
  GenValue eval(const Expr *E) {
    if (!E || E->isTypeDependent() || E->isValueDependent() || E->containsErrors())
      return {};
    return Visit(E);
  }
  /// Evaluates \p E for its effects and reads what it names.
  void consume(const Expr *E) { read(eval(E), E); }
  void consumeAll(ArrayRef<const Expr *> Es) {
    for (const Expr *E : Es)
      consume(E);
  }
  ValueId newValue() { return NumValues++; }
  template <typename F, typename... Args> void emit(Args &&...As) {
    Out.Storage.push_back(Out.make<F>(std::forward<Args>(As)...));
  }

  GenValue load(HandleId H, const Expr *E, bool Buffer = false) {
    GenValue V;
    V.Id = newValue();
    V.Root = H;
    V.IsHandle = true;
    emit<LoadFact>(V.Id, H, E, Buffer, E->getExprLoc());
    return V;
  }
  GenValue fresh(const Expr *Site) {
    GenValue V;
    V.Id = newValue();
    emit<FreshFact>(V.Id, Site);
    return V;
  }
  /// Same storages, new provenance, no longer a name. (Emitted even for
  /// an expression without storages: the provenance exists from here on.)
  GenValue derived(const GenValue &V, ProvSpec Spec) {
    GenValue R;
    R.Root = V.Root;
    R.ResultOf = V.ResultOf;
    R.Id = newValue();
    // Whatever shares the storage of a module's member is within it.
    if (Spec.Members.empty())
      Spec.Members = V.Members;
    R.Members = Spec.Members;
    emit<DeriveFact>(R.Id, V.Id, Spec);
    return R;
  }
  /// \p V as an element, a dereference or a moved value: the same storages,
  /// but no longer straight from the named handle (so binding it is no copy).
  GenValue unnamed(GenValue V, SourceLocation Loc) {
    V.IsHandle = false;
    if (V.Id != NoId) {
      ValueId New = newValue();
      emit<PassFact>(New, V.Id, /*KeepSource=*/false, Loc);
      V.Id = New;
    }
    return V;
  }
  /// The element \p E of the container value \p C. A tensor element keeps
  /// its container as the named source: binding it to a name is a copy.
  GenValue elementOf(const GenValue &C, const Expr *E) {
    if (!Model.typeOf(E->getType()) || !E->isGLValue())
      return unnamed(C, E->getExprLoc());
    GenValue V;
    V.Root = C.Root;
    V.Element = C.Root != NoId;
    V.ElementExpr = E;
    if (C.Id != NoId) {
      V.Id = newValue();
      emit<PassFact>(V.Id, C.Id, /*KeepSource=*/true, E->getExprLoc(), E);
    }
    return V;
  }
  void read(const GenValue &V, const Expr *Site) {
    if (V.Root != NoId)
      emit<ReadFact>(V.Root, Site, V.ResultOf, V.Element ? V.ElementExpr : nullptr);
  }
  void readShape(HandleId H, const Expr *Site) {
    emit<ReadFact>(H, Site, /*ResultOf=*/nullptr, /*Element=*/nullptr, /*ShapeOnly=*/true);
  }
  void write(const GenValue &V, const Expr *Site, StringRef Op, bool ViaCallee = false) {
    if (V.Id != NoId || V.Root != NoId)
      emit<WriteFact>(V.Id, V.Root, Site, Op, ViaCallee);
  }
  void bind(HandleId H, const GenValue &V, SourceLocation Loc, const void *Site) {
    bool BindsInplaceResult = V.InplaceCall && V.Root != NoId && V.Root != H;
    emit<BindFact>(H, V.Id, Loc, Site, BindsInplaceResult ? V.InplaceCall : nullptr,
                   BindsInplaceResult ? V.Root : NoId);
  }
  ProvSpec spec(ProvKind Kind, const void *Site, HandleId Source, SourceLocation Loc, StringRef Op,
                SourceLocation CalleeReturnLoc = {}) {
    ProvSpec S;
    S.Kind = Kind;
    S.Site = Site;
    S.Source = Source;
    S.Loc = Loc;
    S.Op = Op;
    S.CalleeReturnLoc = CalleeReturnLoc;
    return S;
  }
  StringRef nameOf(const NamedDecl &D) {
    return D.getIdentifier() ? D.getName() : Out.Strings.save(D.getNameAsString());
  }

  /// Whether the view op \p Method with \p Args is known to return a
  /// non-contiguous tensor: a layout-changing view (LibraryModel), except
  /// `transpose(d, d)` and a `slice` without a constant step > 1.
  bool breaksContiguity(StringRef Method, ArrayRef<const Expr *> Args) const {
    if (!Lib.NonContiguousViews.contains(Method))
      return false;
    auto Constant = [&](unsigned I) -> std::optional<llvm::APSInt> {
      if (I >= Args.size() || isa<CXXDefaultArgExpr>(Args[I]))
        return std::nullopt;
      return Args[I]->IgnoreImplicit()->getIntegerConstantExpr(Ctx);
    };
    if (Method == "slice") {
      std::optional<llvm::APSInt> Step = Constant(3);
      return Step && Step->getExtValue() > 1;
    }
    if (Method == "transpose" || Method == "swapaxes" || Method == "swapdims") {
      std::optional<llvm::APSInt> A = Constant(0), B = Constant(1);
      return !(A && B && A->getExtValue() == B->getExtValue());
    }
    return true;
  }

  // --- Types ------------------------------------------------------------------
  /// `std::shared_ptr<Tensor>`, `std::unique_ptr<Tensor>`.
  bool isTensorSmartPointer(QualType Type) const {
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        Type.getNonReferenceType()->getAsCXXRecordDecl());
    if (!Spec || !Spec->isInStdNamespace() || !Spec->getIdentifier() ||
        !(Spec->getName() == "shared_ptr" || Spec->getName() == "unique_ptr"))
      return false;
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    return Args.size() > 0 && Args[0].getKind() == TemplateArgument::Type &&
           Model.typeOf(Args[0].getAsType());
  }
  /// `std::vector<T>`, `std::map<K, T>` and the like (LibraryModel::
  /// Containers, MapContainers): T, or null.
  QualType containerElement(QualType T) const {
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        T.getNonReferenceType()->getAsCXXRecordDecl());
    if (!Spec || !Spec->getIdentifier())
      return {};
    unsigned Index;
    if (Spec->isInStdNamespace() && Lib.Containers.contains(Spec->getName()))
      Index = 0;
    else if (Spec->isInStdNamespace() && Lib.MapContainers.contains(Spec->getName()))
      Index = 1;
    else if (isLibraryMap(*Spec))
      Index = 1;
    else
      return {};
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() <= Index || Args[Index].getKind() != TemplateArgument::Type)
      return {};
    return Args[Index].getAsType();
  }
  /// `at::TensorAccessor<float, 2>` and the like (LibraryModel::AccessorTypes).
  bool isAccessor(QualType T) const {
    const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
    if (!RD || !RD->getIdentifier() || !Lib.AccessorTypes.contains(RD->getName()))
      return false;
    const auto *NS = dyn_cast<NamespaceDecl>(RD->getEnclosingNamespaceContext());
    return NS && NS->getIdentifier() && NS->getName() == "at";
  }
  /// `torch::OrderedDict<K, V>` (LibraryModel::LibraryMapContainers).
  bool isLibraryMap(const ClassTemplateSpecializationDecl &Spec) const {
    if (Spec.isInStdNamespace())
      return false;
    // Compare the last name component first: qualified names are costly.
    for (StringRef Qualified : Lib.LibraryMapContainers.keys())
      if (Qualified.rsplit("::").second == Spec.getName() &&
          Spec.getQualifiedNameAsString() == Qualified)
        return true;
    return false;
  }
  /// `torch::OrderedDict<std::string, Tensor>::Item`: one entry of a
  /// library map of tensors (a range-for variable over `named_parameters()`).
  bool isLibraryMapItem(QualType T) const {
    const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
    if (!RD || !RD->getIdentifier() || RD->getName() != Lib.LibraryMapItem)
      return false;
    const auto *Map = dyn_cast<ClassTemplateSpecializationDecl>(RD->getDeclContext());
    return Map && isLibraryMap(*Map) && Model.typeOf(containerElement(Ctx.getRecordType(Map)));
  }
  bool isContainer(QualType T) const { return !containerElement(T).isNull(); }
  /// `std::vector<float>`, `std::array<int, 3>`: numbers held by value. A
  /// copy of one is a new buffer; only its own elements (and tensors made
  /// over its data) share its storage.
  bool isNumberContainer(QualType T) const {
    QualType Element = containerElement(T);
    return !Element.isNull() && Element->isArithmeticType();
  }
  /// Types whose objects hold tensor storage: tensors, raw buffers of
  /// numbers, closures, containers of either.
  bool isHolderType(QualType T) const {
    if (T.isNull())
      return false;
    T = T.getNonReferenceType().getCanonicalType();
    if (Model.typeOf(T) || Model.isModuleType(T) || Model.isOptimizerType(T))
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
    QualType Element = containerElement(T);
    return !Element.isNull() && (Model.typeOf(Element) || Element->isArithmeticType());
  }
  /// A new tensor-typed prvalue is a fresh storage.
  bool makesFreshStorage(const Expr *Call) const {
    return isHolderType(Call->getType()) && Call->isPRValue();
  }

  FunctionFacts &Out;
  Tables &T;
  ASTContext &Ctx;
  const ApiModel &Model;
  const LibraryModel &Lib;
  const SummaryMap &Summaries;
  /// References are the handle they are bound to (`Tensor &r = a`).
  DenseMap<const VarDecl *, HandleId> RefAlias;
  /// References to an element of a container handle (`Tensor &r = v[0]`,
  /// `for (auto &p : v)`): naming one names an element of the container.
  DenseMap<const VarDecl *, HandleId> ElementRef;
  /// Range-for loop variables, and the `__range` variable of their loop.
  DenseMap<const VarDecl *, const VarDecl *> LoopRange;
  DenseSet<const VarDecl *> RangeVars; ///< the `__range` variables
  /// `__range` variables over a module's temporary parameter list
  /// (`model->parameters()`), and the module's handle.
  DenseMap<const VarDecl *, HandleId> ParameterRangeOf;
  /// `model->parameters()`, `model->buffers()`: a call returning a new list
  /// of handles to a module's tensors (LibraryModel::ModuleParameterViews).
  bool isModuleParameterList(const Expr *E) const {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(E->IgnoreImplicit());
    const CXXMethodDecl *MD = Call ? Call->getMethodDecl() : nullptr;
    return MD && MD->getIdentifier() && Lib.ModuleParameterViews.contains(MD->getName()) &&
           Model.isModuleType(Call->getImplicitObjectArgument()->getType()) &&
           Model.typeOf(containerElement(Call->getType()));
  }
  /// The handle a reference variable refers to (itself, or the container
  /// of the element it is), or NoId for a variable that is its own handle.
  HandleId referredHandle(const VarDecl *VD) const {
    if (auto It = RefAlias.find(VD); It != RefAlias.end())
      return It->second;
    if (auto It = ElementRef.find(VD); It != ElementRef.end())
      return It->second;
    return NoId;
  }
  /// Local `std::function`s initialised with a lambda and never reassigned.
  DenseMap<const VarDecl *, const CXXMethodDecl *> StoredLambdas;
  /// The values (of the current CFG element) of what each lambda evaluated
  /// there copied into its by-copy captures, by captured variable.
  struct CapturedCopy {
    const VarDecl *Var; ///< the captured variable, or the init-capture
    ValueId Value;      ///< what it copied (as loaded from its source)
    ProvSpec Spec;      ///< the capture as an alias event (ProvKind::Lambda)
  };
  DenseMap<const LambdaExpr *, SmallVector<CapturedCopy, 2>> CapturedValues;
  /// Closure variables whose by-copy captures have handles (closureDeclaration).
  DenseMap<const VarDecl *, const LambdaExpr *> ClosureVariables;
  /// Local pointers to an object of class type whose pointee is known and
  /// that are never changed (`Agent *p = &agent;`, `auto sp =
  /// std::make_shared<Agent>();`), and the base its fields' handles have.
  DenseMap<const VarDecl *, const ValueDecl *> ObjectPointee;
  /// Smart pointers owning their object: their fields are named `sp->f`.
  DenseSet<const ValueDecl *> OwnedObjectBases;
  /// References to an aggregate variable: their elements are its elements.
  DenseMap<const VarDecl *, const VarDecl *> AggregateRefs;
  /// References to an aggregate nested in one (`auto &in = pr.first;`, the
  /// hidden reference of a binding to a pair's aggregate element).
  DenseMap<const VarDecl *, AggregatePart> AggregatePartRefs;
  /// aggregateKind's answers for structs and aggregateSlots', by type and depth.
  mutable DenseMap<std::pair<const clang::Type *, unsigned>, AggregateKind> StructKinds;
  mutable DenseMap<std::pair<const clang::Type *, unsigned>, SmallVector<Slot, 2>> KnownSlots;
  /// Pointers to a tensor handle that are never changed, and the handle.
  DenseMap<const VarDecl *, HandleId> PointeeOf;
  /// Pointers to an element of a library map (`named.find("w")`) that are
  /// never changed, and the map's handle.
  DenseMap<const VarDecl *, HandleId> FoundElementOf;
  /// Local pointers (and smart pointers to tensors) the function assigns,
  /// increments, resets, takes the address of or passes by non-const
  /// reference: what they point to is not tracked.
  DenseSet<const VarDecl *> ChangedPointers;
  /// Local vectors of parameter groups used only to insert groups into and
  /// to build optimizers from (paramGroupLists): handles of their own.
  DenseSet<const VarDecl *> ParamGroupLists;
  unsigned NumValues = 0;
};

// --- Expressions --------------------------------------------------------------

GenValue FactGenerator::VisitImplicitCastExpr(const ImplicitCastExpr *E) {
  GenValue V = eval(E->getSubExpr());
  // Loading a builtin value (a buffer element) reads it; loading a pointer
  // copies the handle to the buffer and reads no data.
  if (E->getCastKind() == CK_LValueToRValue && !E->getType()->isPointerType()) {
    read(V, E);
    return {};
  }
  return V;
}

GenValue FactGenerator::VisitExplicitCastExpr(const ExplicitCastExpr *E) {
  // `POINT(name)`, i.e. `void("__aliasguard_point_name")`: a test point.
  if (E->getType()->isVoidType())
    if (const auto *S = dyn_cast<clang::StringLiteral>(E->getSubExpr()->IgnoreParenImpCasts());
        S && S->getCharByteWidth() == 1 && S->getString().starts_with(TestPointPrefix)) {
      emit<TestPointFact>(S->getString().drop_front(TestPointPrefix.size()), E->getBeginLoc());
      return {};
    }
  return eval(E->getSubExpr());
}

GenValue FactGenerator::VisitDeclRefExpr(const DeclRefExpr *E) {
  if (const auto *BD = dyn_cast<BindingDecl>(E->getDecl()))
    return bindingRef(E, BD);
  const auto *VD = dyn_cast<VarDecl>(E->getDecl());
  if (!VD)
    return {};
  if (auto It = RefAlias.find(VD); It != RefAlias.end())
    return load(It->second, E);
  if (auto It = ElementRef.find(VD); It != ElementRef.end()) {
    GenValue V = load(It->second, E);
    V.IsHandle = false;
    V.Element = true;
    return V;
  }
  if (!isHolderType(VD->getType()))
    return {};
  return load(T.handleFor(VD, nullptr), E);
}

GenValue FactGenerator::VisitMemberExpr(const MemberExpr *E) {
  if (std::optional<GenValue> R = moduleField(E))
    return *R;
  const auto *Field = dyn_cast<FieldDecl>(E->getMemberDecl());
  if (std::optional<GenValue> R = aggregateMember(E))
    return *R;
  if (Field && isHolderType(Field->getType())) {
    const Expr *Base = E->getBase()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Base))
      return load(T.handleFor(nullptr, Field), E);
    if (const auto *BaseRef = dyn_cast<DeclRefExpr>(Base))
      if (const auto *BaseVar = dyn_cast<VarDecl>(BaseRef->getDecl());
          BaseVar && !E->isArrow() && BaseVar->getType()->isRecordType())
        return load(T.handleFor(BaseVar, Field), E);
  }
  consume(E->getBase());
  return {};
}

GenValue FactGenerator::VisitCXXMemberCallExpr(const CXXMemberCallExpr *E) {
  const CXXMethodDecl *MD = E->getMethodDecl();
  SmallVector<const Expr *, 4> Args(E->arguments());
  if (!MD || !MD->getIdentifier()) {
    // Conversion operators and the like.
    consume(E->getImplicitObjectArgument());
    consumeAll(Args);
    return {};
  }
  return memberCall(E, E->getImplicitObjectArgument(), MD->getName(), Args, MD);
}

GenValue FactGenerator::VisitCXXOperatorCallExpr(const CXXOperatorCallExpr *E) {
  if (std::optional<GenValue> R = aggregateAssignment(E))
    return *R;
  if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(E->getCalleeDecl());
      MD && E->getNumArgs() > 0) {
    SmallVector<const Expr *, 4> Args;
    for (unsigned I = 1; I < E->getNumArgs(); ++I)
      Args.push_back(E->getArg(I));
    return memberCall(E, E->getArg(0), nameOf(*MD), Args, MD);
  }
  return VisitCallExpr(E);
}

GenValue FactGenerator::memberCall(const Expr *Call, const Expr *Object, StringRef Method,
                                   ArrayRef<const Expr *> Args, const CXXMethodDecl *MD) {
  QualType ObjType = Object->getType();
  // `*sp` is the pointee's handle.
  // (shared_ptr's operators are its base's: look through the cast.)
  if (Method == "operator*" && isTensorSmartPointer(Object->IgnoreParenImpCasts()->getType()))
    if (HandleId H = pointee(Object); H != NoId)
      return load(H, Call);
  // `p->add_(1)` with `Tensor *p = &t;` is `t.add_(1)`.
  if (HandleId H = pointee(Object); H != NoId && ObjType->isPointerType())
    if (const TypeModel *TM = Model.typeOf(ObjType->getPointeeType()))
      return tensorMethodCall(Call, load(H, Object), Object, Method, Args, MD, *TM);
  // `w->clone()` with `auto *w = named.find("fc.weight");`.
  if (ObjType->isPointerType())
    if (const TypeModel *TM = Model.typeOf(ObjType->getPointeeType()))
      if (std::optional<GenValue> Found = foundElement(Object, Object))
        return tensorMethodCall(Call, *Found, Object, Method, Args, MD, *TM);
  if (const TypeModel *TM = Model.typeOf(ObjType)) {
    GenValue Obj = eval(Object);
    return tensorMethodCall(Call, Obj, Object, Method, Args, MD, *TM);
  }
  if (std::optional<GenValue> R = paramGroupsCall(Call, Object, Method, Args))
    return *R;
  if (isContainer(ObjType))
    return containerMethodCall(Call, Object, Method, Args);
  // `p.value()` of `for (auto &p : model->named_parameters())`: the entry's
  // tensor is an element of the map; `p.key()` observes no tensor.
  if (isLibraryMapItem(ObjType)) {
    GenValue Obj = eval(Object);
    consumeAll(Args);
    if (Lib.LibraryMapItemValues.contains(Method))
      return elementOf(Obj, Call);
    return {};
  }

  if (std::optional<GenValue> R = libraryObjectCall(Call, Object, Method, Args))
    return *R;
  // `a[0][1] = 5` with `auto a = x.accessor<float, 2>()`: each subscript
  // names part of x's data, as `p[i]` of `x.data_ptr<float>()` does.
  if (Method == "operator[]" && isAccessor(ObjType)) {
    GenValue Obj = eval(Object);
    consumeAll(Args);
    return unnamed(Obj, Call->getExprLoc());
  }
  // Calling a closure reads what it captured by copy, and does what its
  // body does to what it captured by reference; a method of some other
  // class reads its object and arguments.
  const CXXMethodDecl *Lambda = nullptr;
  if (const CXXRecordDecl *RD = ObjType.getNonReferenceType()->getAsCXXRecordDecl();
      RD && RD->isLambda())
    Lambda = MD;
  else if (Method == "operator()")
    Lambda = storedLambda(Object);
  GenValue ObjectValue = eval(Object);
  read(ObjectValue, Object);
  if (Lambda) {
    const FunctionSummary *S = Summaries.lookup(Lambda);
    if (!S) {
      consumeAll(Args);
      return {};
    }
    applyCaptures(Call, Object, *S);
    return summarisedCall(Call, Lambda, Args);
  }
  if (const FunctionSummary *S = Summaries.lookup(MD)) {
    std::optional<const ValueDecl *> Base = objectBase(Object);
    bool NamedModule = Model.isModuleType(ObjType) && ObjectValue.Root != NoId &&
                       isa<DeclRefExpr>(throughHolderArrow(Object));
    GenValue R = Base          ? objectCall(Call, *Base, MD, Args, *S)
                 : NamedModule ? moduleMethodCall(Call, ObjectValue, MD, Args, *S)
                               : summarisedCall(Call, MD, Args);
    argumentBufferWrites(Call, *MD, Args, /*PointersOnly=*/true);
    closureArguments(Call, *MD, Args);
    return R;
  }
  consumeAll(Args);
  // (A member operator's Args start at its first parameter, as a method's.)
  readAggregateArguments(MD, Args, Call);
  argumentBufferWrites(Call, *MD, Args, /*PointersOnly=*/false);
  if (makesFreshStorage(Call) && Model.typeOf(Call->getType()))
    return fresh(Call);
  return {};
}

std::optional<const ValueDecl *> FactGenerator::objectBase(const Expr *Object) const {
  Object = Object->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(Object))
    return nullptr;
  // `p->update()`, `sp->update()` (`sp.operator->()`): the known pointee;
  // any other pointer's is an unknown object.
  const Expr *Pointer = Object;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Object);
      OC && OC->getOperator() == OO_Arrow && OC->getNumArgs() == 1)
    Pointer = OC->getArg(0)->IgnoreParenImpCasts();
  if (Pointer != Object || Object->getType()->isPointerType()) {
    const auto *DRE = dyn_cast<DeclRefExpr>(Pointer);
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    auto It = VD ? ObjectPointee.find(VD) : ObjectPointee.end();
    if (It == ObjectPointee.end())
      return std::nullopt;
    return It->second;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Object))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
        VD && VD->getType()->isRecordType() && !RefAlias.count(VD) && !ElementRef.count(VD))
      return VD;
  return std::nullopt;
}

GenValue FactGenerator::objectCall(const Expr *Call, const ValueDecl *Base,
                                   const FunctionDecl *Callee, ArrayRef<const Expr *> Args,
                                   const FunctionSummary &S) {
  StringRef Name = nameOf(*Callee);
  auto FieldHandle = [&](const FieldEffect &FE) { return objectField(Base, FE.Field); };
  // The fields' data the call reads are read before it writes anything.
  for (const FieldEffect &FE : S.Fields)
    if (FE.Read && !FE.Written)
      emit<ReadFact>(FieldHandle(FE), Call);
  GenValue Result = summarisedCall(Call, Callee, Args);
  for (const FieldEffect &FE : S.Fields) {
    HandleId H = FieldHandle(FE);
    if (FE.Written) {
      GenValue V = load(H, Call);
      emit<WriteFact>(V.Id, H, Call, Name, /*ViaCallee=*/false, nullptr, FE.WriteLoc);
    }
    // `obj.set(x)`: the field now holds x's storage, a copy of the handle.
    if (FE.BoundParam >= 0 && unsigned(FE.BoundParam) < Args.size())
      bind(H, eval(Args[FE.BoundParam]), Call->getExprLoc(), Call);
  }
  // A getter: the result is the field's handle, copied where it is bound,
  // or a view of the field.
  for (const FieldEffect &FE : S.Fields) {
    if (FE.Returned == ReturnKind::None || !Model.typeOf(Call->getType()))
      continue;
    GenValue Field = load(FieldHandle(FE), Call);
    if (FE.Returned == ReturnKind::View)
      return derived(Field, spec(ProvKind::View, Call, Field.Root, Call->getExprLoc(), Name));
    GenValue R;
    R.Root = Field.Root;
    R.Id = newValue();
    emit<PassFact>(R.Id, Field.Id, /*KeepSource=*/true, Call->getExprLoc(), Call);
    return R;
  }
  return Result;
}

GenValue FactGenerator::moduleMethodCall(const Expr *Call, const GenValue &Module,
                                         const FunctionDecl *Callee, ArrayRef<const Expr *> Args,
                                         const FunctionSummary &S) {
  StringRef Name = nameOf(*Callee);
  // The member a field effect is about; a provenance of its own per field
  // (the site), as moduleField would make.
  auto Member = [&](const FieldEffect &FE, const void *Site) {
    ProvSpec Spec = spec(ProvKind::View, Site, Module.Root, Call->getExprLoc(), nameOf(*FE.Field));
    Spec.Members = Module.Members;
    Spec.Members.push_back(FE.Field);
    return derived(Module, Spec);
  };
  auto IsMember = [&](const FieldEffect &FE) {
    return Model.typeOf(FE.Field->getType()) || Model.isModuleType(FE.Field->getType());
  };
  GenValue Result = summarisedCall(Call, Callee, Args);
  // `for (auto &p : parameters()) p.normal_();` in the method: every
  // parameter of the module.
  if (S.OwnParametersWritten)
    emit<WriteFact>(Module.Id, Module.Root, Call, Name, /*ViaCallee=*/false, nullptr,
                    S.OwnParametersWriteLoc);
  // `weight.mul_(0.5)` in the method: a write of that member. A submodule
  // field's effect (`fc->weight.zero_()`) does not say which of its
  // parameters changed: not claimed. (Reads need nothing: a module is never
  // a stale reader.)
  for (const FieldEffect &FE : S.Fields)
    if (FE.Written && Model.typeOf(FE.Field->getType()))
      emit<WriteFact>(Member(FE, FE.Field).Id, Module.Root, Call, Name, /*ViaCallee=*/false,
                      nullptr, FE.WriteLoc);
  for (const FieldEffect &FE : S.Fields)
    if (FE.Returned != ReturnKind::None && Model.typeOf(Call->getType()) && IsMember(FE))
      return Member(FE, Call);
  return Result;
}

GenValue FactGenerator::tensorMethodCall(const Expr *Call, const GenValue &Obj, const Expr *Object,
                                         StringRef Method, ArrayRef<const Expr *> Args,
                                         const CXXMethodDecl *MD, const TypeModel &TM) {
  // Assignment: to a named handle it rebinds; to a temporary (`t[0] = 99`)
  // it writes through it.
  if (Method == "operator=") {
    GenValue R = Args.empty() ? GenValue() : eval(Args[0]);
    if (Obj.IsHandle && Object->isLValue()) {
      bind(Obj.Root, R, Call->getBeginLoc(), Call);
    } else if (Obj.Element && Object->isLValue()) {
      // `v[0] = x` replaces the element's handle: v gains x's storages (the
      // other elements keep theirs), nothing is written.
      if (R.Id != NoId) {
        ValueId Stored = newValue();
        emit<StoreElementFact>(Stored, R.Id, Call, Call->getExprLoc(), Method);
        emit<AddToFact>(Obj.Root, Stored, Call->getExprLoc());
      }
    } else {
      read(R, Call);
      write(Obj, Call, "operator=");
    }
    return Obj;
  }
  Effect Eff = Model.methodEffect(TM, Method);
  if (Lib.CompoundAssignments.contains(Method))
    Eff = Effect::Write;
  // A view op returning a raw pointer is an access: LibTorch's deprecated
  // `t.data<float>()` is `data_ptr<float>()`, while `t.data()` is a view.
  if (Eff == Effect::View && Call->getType()->isPointerType())
    Eff = Effect::Access;
  switch (Eff) {
  case Effect::Metadata:
    // `b.size(0)` observes b's shape, which a handle copy's `squeeze_` changes.
    if (Lib.ShapeQueries.contains(Method) && Obj.IsHandle && Obj.Root != NoId)
      readShape(Obj.Root, Object ? Object : Call);
    // `w.requires_grad_()` returns w itself: the same storages, no copy.
    if (MD->getReturnType()->isReferenceType() && Model.typeOf(MD->getReturnType()))
      return unnamed(Obj, Call->getExprLoc());
    return {};
  case Effect::View:
  case Effect::MayView: {
    // `x.transpose(0, 1).contiguous()` copies: a known non-contiguous
    // tensor has no contiguous self to return.
    if (Eff == Effect::MayView && Obj.NonContiguous && Lib.CopyIfNonContiguous.contains(Method)) {
      read(Obj, Call);
      consumeAll(Args);
      return fresh(Call);
    }
    consumeAll(Args);
    ProvSpec Spec = spec(Eff == Effect::View ? ProvKind::View : ProvKind::MayView, Call, Obj.Root,
                         Call->getExprLoc(), Method);
    // A part of a part (`x.t()[0]`, `x[0][1]`) is not a part of the
    // handle's dimensions.
    if (Eff == Effect::View && Obj.IsHandle)
      Spec.Range = viewRange(Method, Args, Ctx);
    GenValue R = derived(Obj, Spec);
    R.NonContiguous = Eff == Effect::View && breaksContiguity(Method, Args);
    return R;
  }
  case Effect::Write: {
    consumeAll(Args);
    write(Obj, Call, Method);
    if (!MD->getReturnType()->isReferenceType())
      return {};
    // The in-place method returns its object; binding that result to a new
    // name is recognised through InplaceCall.
    GenValue R = unnamed(Obj, Call->getExprLoc());
    R.InplaceCall = dyn_cast<CXXMemberCallExpr>(Call);
    return R;
  }
  case Effect::MetadataWrite:
    return metadataWrite(Call, Obj, Method, Args, MD);
  case Effect::Access: {
    consumeAll(Args);
    GenValue R = Obj;
    R.IsHandle = false;
    R.RawAccess = true;
    return R;
  }
  case Effect::Copy:
  case Effect::Read:
    read(Obj, Call);
    consumeAll(Args);
    if (makesFreshStorage(Call))
      return fresh(Call);
    return {};
  }
  llvm_unreachable("unknown effect");
}

GenValue FactGenerator::metadataWrite(const Expr *Call, const GenValue &Obj, StringRef Method,
                                      ArrayRef<const Expr *> Args, const CXXMethodDecl *MD) {
  consumeAll(Args);
  // Only a named handle has copies that share its TensorImpl; the shape of
  // a temporary (`a.view(-1).squeeze_()`) or an element is nobody else's.
  if (Obj.IsHandle && Obj.Root != NoId)
    emit<MetadataWriteFact>(Obj.Root, Call, Method);
  // `a.squeeze_()` returns a itself: the same storages, no copy.
  if (MD->getReturnType()->isReferenceType() && Model.typeOf(MD->getReturnType()))
    return unnamed(Obj, Call->getExprLoc());
  return {};
}

GenValue FactGenerator::containerMethodCall(const Expr *Call, const Expr *Object, StringRef Method,
                                            ArrayRef<const Expr *> Args) {
  GenValue Obj = eval(Object);
  if (Lib.ContainerInserts.contains(Method)) {
    if (Obj.Root == NoId) {
      consumeAll(Args);
      return {};
    }
    for (const Expr *A : Args) {
      GenValue V = eval(A);
      if (V.Id == NoId)
        continue;
      ValueId Element = newValue();
      emit<StoreElementFact>(Element, V.Id, Call, Call->getExprLoc(), Method);
      emit<AddToFact>(Obj.Root, Element, Call->getExprLoc());
    }
    return {};
  }
  if (Lib.ContainerMetadata.contains(Method))
    return {};
  if (Lib.ContainerClears.contains(Method) && Obj.IsHandle) {
    emit<KillFact>(Obj.Root, Call->getExprLoc());
    return {};
  }
  if (Lib.ContainerElementAccess.contains(Method)) {
    consumeAll(Args);
    return elementOf(Obj, Call);
  }
  // `arr.fill(0.f)` overwrites the numbers a tensor may view.
  if (Lib.BufferContainerWrites.contains(Method) && isNumberContainer(Object->getType())) {
    consumeAll(Args);
    bufferWrite(Call, Object, Method);
    return {};
  }
  read(Obj, Call);
  consumeAll(Args);
  return {};
}

HandleId FactGenerator::bufferPointee(const Expr *Arg) {
  // Casts to `void *` or `char *` (memcpy, istream::read) keep the pointee.
  Arg = Arg->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Arg)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return NoId;
    // `std::vector<float> &r = buf;` is buf. (A pointer into a tensor's own
    // data, also in RefAlias, is the tensor: no raw buffer.)
    if (HandleId H = referredHandle(VD); H != NoId) {
      const auto *Base = dyn_cast_or_null<VarDecl>(T.handle(H).Base);
      return Base && !T.handle(H).Field && isRawBufferType(Base->getType()) ? H : NoId;
    }
    return isRawBufferType(VD->getType()) ? T.handleFor(VD, nullptr) : NoId;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(Arg);
      BO && (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub)) {
    if (BO->getLHS()->getType()->isPointerType())
      return bufferPointee(BO->getLHS());
    if (BO->getOpcode() == BO_Add && BO->getRHS()->getType()->isPointerType())
      return bufferPointee(BO->getRHS());
    return NoId;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(Arg); UO && UO->getOpcode() == UO_AddrOf) {
    const Expr *Sub = UO->getSubExpr()->IgnoreParens();
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(Sub))
      return bufferPointee(AS->getBase());
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Sub);
        OC && OC->getOperator() == OO_Subscript && isNumberContainer(OC->getArg(0)->getType()))
      return bufferPointee(OC->getArg(0));
    return NoId;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Arg)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    const Expr *Object = MC->getImplicitObjectArgument();
    if (MD && MD->getIdentifier() && (MD->getName() == "data" || MD->getName() == "begin") &&
        Object && isNumberContainer(Object->getType()))
      return bufferPointee(Object);
    return NoId;
  }
  if (const auto *CE = dyn_cast<CallExpr>(Arg);
      CE && CE->getNumArgs() == 1 && (isStdCall(CE, "data") || isStdCall(CE, "begin")))
    return bufferPointee(CE->getArg(0));
  return NoId;
}

void FactGenerator::bufferWrite(const Expr *Call, const Expr *Arg, StringRef Op) {
  HandleId H = bufferPointee(Arg);
  if (H == NoId)
    return;
  GenValue V = load(H, Arg);
  emit<WriteFact>(V.Id, H, Call, Op, /*ViaCallee=*/false, nullptr, SourceLocation(),
                  /*BufferCall=*/true);
}

bool FactGenerator::libraryBufferWrite(const CallExpr *E, const FunctionDecl &Callee) {
  if (!Callee.getIdentifier() || !(Callee.isInStdNamespace() || Callee.isExternC()))
    return false;
  std::string Name = Callee.getQualifiedNameAsString();
  auto It = Lib.BufferWriteFunctions.find(Name);
  if (It == Lib.BufferWriteFunctions.end() || It->second >= E->getNumArgs())
    return false;
  // The call reads its arguments (`memcpy(dst, buf, n)` only reads buf),
  // then writes its destination.
  for (const Expr *A : E->arguments())
    read(eval(A), E);
  bufferWrite(E, E->getArg(E->getNumArgs() - 1 - It->second), Out.Strings.save(Name));
  return true;
}

void FactGenerator::argumentBufferWrites(const Expr *Call, const FunctionDecl &Callee,
                                         ArrayRef<const Expr *> Args, bool PointersOnly) {
  // A function template's `T *first` is deduced from the argument: its
  // constness says nothing of what the callee does (`std::accumulate`). A
  // callee returning a tensor or a pointer probably wraps the buffer
  // rather than fills it.
  if (Callee.getPrimaryTemplate() || isHolderType(Callee.getReturnType()))
    return;
  for (unsigned I = 0; I < Args.size() && I < Callee.getNumParams(); ++I) {
    QualType PT = Callee.getParamDecl(I)->getType();
    bool WritablePointer = PT->isPointerType() && !PT->getPointeeType().isConstQualified();
    bool WritableContainer = !PointersOnly && PT->isLValueReferenceType() &&
                             !PT.getNonReferenceType().isConstQualified() && isNumberContainer(PT);
    if (WritablePointer || WritableContainer)
      bufferWrite(Call, Args[I], nameOf(Callee));
  }
}

void FactGenerator::applyCaptures(const Expr *Call, const Expr *Closure, const FunctionSummary &S) {
  StringRef Name = "the lambda";
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Closure->IgnoreParenImpCasts()))
    Name = nameOf(*DRE->getDecl());
  auto HandleOf = [&](const VarDecl *VD) -> HandleId {
    if (HandleId H = referredHandle(VD); H != NoId)
      return H;
    return isHolderType(VD->getType()) ? T.handleFor(VD, nullptr) : NoId;
  };
  // Reads first: a body that reads a capture before writing it sees the
  // value from before the call. (Reading the closure reads its copies.)
  for (const CaptureEffect &C : S.Captures)
    if (C.Read && !C.ByCopy)
      if (HandleId H = HandleOf(C.Var); H != NoId)
        emit<ReadFact>(H, Call);
  for (const CaptureEffect &C : S.Captures)
    if (C.Written && !C.ByCopy)
      if (HandleId H = HandleOf(C.Var); H != NoId) {
        GenValue V = load(H, Call);
        emit<WriteFact>(V.Id, H, Call, Name, /*ViaCallee=*/false, nullptr, C.WriteLoc);
      }
  // A by-copy capture is a handle copy: writing it in place writes the
  // storage the closure copied when it was made, which the variable may no
  // longer hold. Only a closure whose copies have handles is followed: a
  // lambda written at the call, or a closure variable (closureDeclaration).
  // And only a `mutable` one: it asks for copies of its own, so the caller
  // expects its tensors unchanged; a plain `[t] { t.add_(1); }` (in-place
  // methods are const) may share the handle on purpose
  // (`at::parallel_for(..., [=] { out.copy_(...); })`).
  const Expr *Named = Closure->IgnoreImplicit()->IgnoreParenImpCasts();
  const ValueDecl *Owner = nullptr;
  const LambdaExpr *L = nullptr;
  if (const auto *LE = dyn_cast<LambdaExpr>(Named)) {
    L = LE;
    Owner = L->getCallOperator();
  } else if (const auto *DRE = dyn_cast<DeclRefExpr>(Named)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    auto It = VD ? ClosureVariables.find(VD) : ClosureVariables.end();
    if (It != ClosureVariables.end()) {
      L = It->second;
      Owner = VD;
    }
  }
  if (!L || !L->isMutable())
    return;
  bool BoundHere = false;
  for (const CaptureEffect &C : S.Captures) {
    if (!C.Written || !C.ByCopy || rebindsCapture(*L, C.Var))
      continue;
    if (isa<LambdaExpr>(Named) && !BoundHere) {
      bindCapturedCopies(Owner, L);
      BoundHere = true;
    }
    if (HandleId H = capturedCopy(Owner, L, C.Var); H != NoId) {
      // The closure variable itself (when it is a handle) writes: it holds
      // the copy too, and a later call of it must not read its own write
      // as stale.
      HandleId Writer = isa<VarDecl>(Owner) ? T.findHandle(Owner, nullptr) : NoId;
      GenValue V = load(H, Call);
      emit<WriteFact>(V.Id, Writer != NoId ? Writer : H, Call, Name, /*ViaCallee=*/false, nullptr,
                      C.WriteLoc);
    }
  }
}

const CXXMethodDecl *FactGenerator::storedLambda(const Expr *Object) const {
  const auto *DRE = dyn_cast<DeclRefExpr>(Object->IgnoreParenImpCasts());
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  auto It = VD ? StoredLambdas.find(VD) : StoredLambdas.end();
  return It == StoredLambdas.end() ? nullptr : It->second;
}

GenValue FactGenerator::VisitCallExpr(const CallExpr *E) {
  if (std::optional<GenValue> R = tupleGet(E))
    return *R;
  const FunctionDecl *Callee = E->getDirectCallee();
  auto Args = ArrayRef(E->getArgs(), E->getNumArgs());
  if (Args.size() == 1 && Lib.MoveFunctions.contains(stdCalleeName(E))) {
    GenValue V = eval(Args[0]);
    // The moved-from handle is dead; the new owner inherits the provenance.
    GenValue R;
    R.Id = unnamed(V, E->getExprLoc()).Id;
    if (V.IsHandle)
      emit<KillFact>(V.Root, E->getExprLoc());
    return R;
  }

  if (Callee) {
    if (std::optional<FunctionEffect> FE = Model.functionEffect(*Callee); FE && !Args.empty()) {
      GenValue A0 = eval(Args[0]);
      consumeAll(Args.drop_front());
      switch (*FE) {
      case FunctionEffect::ViewOfArg0:
      case FunctionEffect::ViewOfBuffer:
        // from_blob: the buffer's own storage, which its element stores write.
        if (*FE == FunctionEffect::ViewOfBuffer && A0.Root != NoId)
          A0.Id = load(A0.Root, Args[0], /*Buffer=*/true).Id;
        return derived(A0, spec(ProvKind::View, E, A0.Root, E->getExprLoc(), nameOf(*Callee)));
      case FunctionEffect::WriteArg0:
        write(A0, E, nameOf(*Callee));
        return {};
      }
    }
  }

  // `std::make_shared<torch::optim::Adam>(model->parameters(), ...)`.
  if ((isStdCall(E, "make_shared") || isStdCall(E, "make_unique")) &&
      Model.isOptimizerType(E->getType()))
    return optimizerConstruction(E, Args);
  if (Callee && libraryBufferWrite(E, *Callee)) {
    closureArguments(E, *Callee, Args);
    return {};
  }
  if (Callee && Summaries.lookup(Callee)) {
    GenValue R = summarisedCall(E, Callee, Args);
    argumentBufferWrites(E, *Callee, Args, /*PointersOnly=*/true);
    closureArguments(E, *Callee, Args);
    return R;
  }
  // An unknown callee reads its arguments (at the call: that is the read),
  // an aggregate passed whole each of its tensor elements.
  for (const Expr *A : Args)
    read(eval(A), E);
  readAggregateArguments(Callee, Args, E);
  if (Callee) {
    argumentBufferWrites(E, *Callee, Args, /*PointersOnly=*/false);
    closureArguments(E, *Callee, Args);
  }
  if (makesFreshStorage(E) && !E->getType()->isPointerType())
    return fresh(E);
  return {};
}

GenValue FactGenerator::summarisedCall(const Expr *CE, const FunctionDecl *Callee,
                                       ArrayRef<const Expr *> Args,
                                       SmallVectorImpl<GenValue> *ArgValues) {
  const FunctionSummary &S = *Summaries.lookup(Callee);
  StringRef Name = nameOf(*Callee);
  // Args are the parameters' arguments (a member call's object is not one).
  GenValue Result;
  bool Returns = false;
  for (unsigned I = 0; I < Args.size(); ++I) {
    unsigned ParamIndex = I;
    GenValue V = eval(Args[I]);
    if (ArgValues)
      ArgValues->push_back(V);
    if (ParamIndex >= S.Params.size()) {
      read(V, CE);
      readAggregateArgument(Args[I], QualType(), CE);
      continue;
    }
    const InputEffect &P = S.Params[ParamIndex];
    if (P.Written) {
      // Unless writing it is what the callee is for (isWritePurpose), a
      // write through a by-value or const-reference parameter is the
      // callee's event, which the argument's handle does not expect.
      const FunctionDecl *Def = Summaries.summarised(Callee);
      const ParmVarDecl *PD = Def->getParamDecl(ParamIndex);
      QualType PT = PD->getType();
      bool Unexpected = (!PT->isReferenceType() || PT.getNonReferenceType().isConstQualified()) &&
                        !isWritePurpose(*Def, *PD, Lib);
      if (V.Id != NoId || V.Root != NoId)
        emit<WriteFact>(V.Id, V.Root, CE, Name, /*ViaCallee=*/Unexpected, Unexpected ? PD : nullptr,
                        P.WriteLoc);
    }
    if (P.Returned != ReturnKind::None) {
      if (Result.Id == NoId)
        Result.Id = newValue();
      emit<DeriveFact>(
          Result.Id, V.Id,
          spec(P.Returned == ReturnKind::Same ? ProvKind::ReturnsParam : ProvKind::ReturnsParamView,
               CE, V.Root, CE->getExprLoc(), Name, P.ReturnLoc));
      Result.Root = V.Root;
      Result.ResultOf = CE;
      Returns = true;
    } else if (!P.Written) {
      read(V, CE);
      if (const FunctionDecl *Def = Summaries.summarised(Callee);
          Def && ParamIndex < Def->getNumParams())
        readAggregateArgument(Args[I], Def->getParamDecl(ParamIndex)->getType(), CE);
    }
  }
  if (Returns)
    return Result;
  if (makesFreshStorage(CE) && !CE->getType()->isPointerType())
    return fresh(CE);
  return {};
}

std::optional<GenValue> FactGenerator::libraryObjectCall(const Expr *Call, const Expr *Object,
                                                         StringRef Method,
                                                         ArrayRef<const Expr *> Args) {
  QualType ObjType = Object->getType();
  // (shared_ptr's operators are its base's: look through the cast.)
  QualType HolderType = Object->IgnoreParenImpCasts()->getType();
  if (Model.isOptimizerType(ObjType) || Model.isOptimizerType(HolderType)) {
    GenValue Obj = eval(Object);
    // `opt->step()` through a smart pointer is the optimizer's own step.
    if (Lib.ModuleSelf.contains(Method)) {
      consumeAll(Args);
      return unnamed(Obj, Call->getExprLoc());
    }
    // `optimizer_ = std::make_unique<Adam>(net_->parameters())` holds the
    // new optimizer's parameters; `opt.reset(new Adam(...))` too, and
    // anything else it is reset to is not followed (no claim).
    if (Obj.IsHandle && (Method == "operator=" || Method == "reset")) {
      const Expr *Made = Args.empty() ? nullptr : Args[0]->IgnoreImplicit();
      if (const auto *New = dyn_cast_or_null<CXXNewExpr>(Made))
        Made = New->getConstructExpr();
      if (Method == "reset" && !isa_and_nonnull<CXXConstructExpr>(Made)) {
        consumeAll(Args);
        emit<KillFact>(Obj.Root, Call->getExprLoc());
      } else {
        bind(Obj.Root, Made ? eval(Made) : GenValue(), Call->getExprLoc(), Call);
      }
      return GenValue();
    }
    if (Lib.OptimizerGroupInserts.contains(Method)) {
      addParamGroup(Obj, Call, Args);
      return GenValue();
    }
    consumeAll(Args);
    // `opt.step()` writes every parameter the optimizer holds.
    if (Lib.OptimizerWrites.contains(Method))
      write(Obj, Call, Method);
    // `step(closure)` returns the loss.
    if (makesFreshStorage(Call) && Model.typeOf(Call->getType()))
      return fresh(Call);
    return GenValue();
  }
  if (!Model.isModuleType(ObjType) && !Model.isModuleType(HolderType))
    return std::nullopt;
  SourceLocation Loc = Call->getExprLoc();
  if (Lib.ModuleSelf.contains(Method)) {
    GenValue Obj = eval(Object);
    consumeAll(Args);
    return unnamed(Obj, Loc);
  }
  if (Lib.ModuleParameterViews.contains(Method)) {
    // `parameters()` in a module's own method: the module `*this`.
    const auto *Own = dyn_cast<CXXMethodDecl>(&Out.function());
    GenValue Obj = isa<CXXThisExpr>(Object->IgnoreParenImpCasts()) && Own && Own->isInstance() &&
                           Model.isModuleType(Ctx.getRecordType(Own->getParent()))
                       ? load(T.handleFor(nullptr, nullptr, "*this"), Object)
                       : eval(Object);
    consumeAll(Args);
    return derived(Obj, spec(ProvKind::View, Call, Obj.Root, Loc, Method));
  }
  if (Lib.ModuleCopies.contains(Method)) {
    eval(Object);
    consumeAll(Args);
    return fresh(Call);
  }
  return std::nullopt;
}

GenValue FactGenerator::optimizerConstruction(const Expr *Site, ArrayRef<const Expr *> Args) {
  // `SGD opt(model->parameters(), ...)`: the optimizer holds the handles.
  GenValue R;
  R.Id = newValue();
  for (unsigned I = 0; I < Args.size(); ++I) {
    // `Adam opt(groups, ...)`: the groups' parameters (paramGroupList).
    GenValue V = I == 0 && Model.isParamGroupList(Args[I]->getType()) ? paramGroupList(Args[I])
                                                                      : eval(Args[I]);
    if (I == 0 && V.Id != NoId)
      emit<StoreElementFact>(R.Id, V.Id, Site, Args[I]->getExprLoc(), "optimizer");
    else
      read(V, Site);
  }
  return R;
}

const FieldDecl *FactGenerator::optimizerModuleField(const CXXRecordDecl &RD, const FieldDecl *Opt,
                                                     const Expr *&ParamsCall) const {
  const FieldDecl *Module = nullptr;
  bool Unknown = false;
  auto IsThisField = [](const Expr *E, const FieldDecl *F) {
    const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
    return ME && ME->getMemberDecl() == F && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
  };
  const CXXConstructorDecl *InitialisingCtor = nullptr; ///< whose initialisers Source reads
  // One value the field is set to: an optimizer (maybe behind a smart
  // pointer, converted or `new`) over `m_->parameters()` of a module field.
  auto Source = [&](const Expr *Made) {
    Made = Made->IgnoreImplicit();
    for (const auto *CE = dyn_cast<CXXConstructExpr>(Made);
         CE && CE->getNumArgs() == 1 && !Model.isOptimizerObject(CE->getType()) &&
         Model.isOptimizerType(CE->getArg(0)->getType());
         CE = dyn_cast<CXXConstructExpr>(Made))
      Made = CE->getArg(0)->IgnoreImplicit();
    if (const auto *New = dyn_cast<CXXNewExpr>(Made))
      Made = New->getConstructExpr();
    const Expr *List = nullptr;
    if (const auto *CE = dyn_cast_or_null<CallExpr>(Made);
        CE && (isStdCall(CE, "make_shared") || isStdCall(CE, "make_unique")) && CE->getNumArgs())
      List = CE->getArg(0);
    else if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(Made);
             CE && Model.isOptimizerObject(CE->getType()) && CE->getNumArgs() &&
             !CE->getConstructor()->isCopyOrMoveConstructor())
      List = CE->getArg(0);
    if (!List || !isModuleParameterList(List)) {
      Unknown = true;
      return;
    }
    const Expr *Object =
        cast<CXXMemberCallExpr>(List->IgnoreImplicit())->getImplicitObjectArgument();
    Object = throughHolderArrow(Object);
    const auto *ME = dyn_cast<MemberExpr>(Object->IgnoreParenImpCasts());
    const auto *Field = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    if (Field && !IsThisField(ME, Field))
      Field = nullptr;
    // `: net_(net), opt_(net->parameters())`: the field's module.
    if (!ME && InitialisingCtor)
      Field = moduleFieldCopiedFrom(*InitialisingCtor, Object);
    if (!Field || !Model.isModuleType(Field->getType()) || (Module && Module != Field)) {
      Unknown = true;
      return;
    }
    Module = Field;
    ParamsCall = List;
  };
  // Every place the class's own code sets the field (a constructor's
  // initialiser, an assignment or `reset` in any method body); taking its
  // address or swapping it hides the rest. A module field replaced outside
  // the constructors (`net_ = Net(...)`) leaves the optimizer on the old
  // parameters.
  bool InConstructor = false;
  SmallPtrSet<const FieldDecl *, 4> ReplacedLater;
  auto Walk = [&](const Stmt *S, auto &Self) -> void {
    if (!S || Unknown)
      return;
    const Expr *Assigned = nullptr;
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S);
        OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2)
      Assigned = OC->getArg(0);
    else if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->getOpcode() == BO_Assign)
      Assigned = BO->getLHS();
    if (const auto *ME = Assigned ? dyn_cast<MemberExpr>(Assigned->IgnoreParenImpCasts()) : nullptr;
        ME && !InConstructor)
      if (const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        ReplacedLater.insert(Field);
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S); OC && OC->getOperator() == OO_Equal &&
                                                           OC->getNumArgs() == 2 &&
                                                           IsThisField(OC->getArg(0), Opt)) {
      if (!OC->getArg(1)->IgnoreImplicit()->getType()->isNullPtrType())
        Source(OC->getArg(1));
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S);
               MC && IsThisField(MC->getImplicitObjectArgument(), Opt) && MC->getMethodDecl() &&
               MC->getMethodDecl()->getIdentifier()) {
      StringRef Name = MC->getMethodDecl()->getName();
      if (Name == "reset" && MC->getNumArgs() == 1)
        Source(MC->getArg(0));
      else if (Name == "swap")
        Unknown = true;
    } else if (const auto *UO = dyn_cast<UnaryOperator>(S);
               UO && UO->getOpcode() == UO_AddrOf && IsThisField(UO->getSubExpr(), Opt)) {
      Unknown = true;
    }
    for (const Stmt *Child : S->children())
      Self(Child, Self);
  };
  if (const Expr *Init = Opt->getInClassInitializer())
    Source(Init);
  for (const CXXMethodDecl *MD : RD.methods()) {
    const FunctionDecl *Def = nullptr;
    const auto *Ctor = dyn_cast<CXXConstructorDecl>(MD);
    if (!MD->hasBody(Def)) {
      // A constructor defined elsewhere may set the field to anything.
      Unknown |= Ctor && !Ctor->isDeleted() && !Ctor->isImplicit();
      continue;
    }
    const auto *CtorDef = dyn_cast<CXXConstructorDecl>(Def);
    InitialisingCtor = CtorDef;
    if (CtorDef)
      for (const CXXCtorInitializer *CI : CtorDef->inits())
        if (CI->getMember() == Opt && CI->isWritten())
          Source(CI->getInit());
    InitialisingCtor = nullptr;
    InConstructor = CtorDef != nullptr;
    Walk(Def->getBody(), Walk);
  }
  return !Module || Unknown || ReplacedLater.contains(Module) ? nullptr : Module;
}

void FactGenerator::optimizerFieldsAtEntry(const CXXRecordDecl &RD) {
  for (const FieldDecl *Opt : RD.fields()) {
    const Expr *ParamsCall = nullptr;
    if (!Model.isOptimizerType(Opt->getType()) || Opt->getType()->isReferenceType())
      continue;
    const FieldDecl *Module = optimizerModuleField(RD, Opt, ParamsCall);
    if (!Module)
      continue;
    // What the constructor did, replayed: `opt_` holds `net_`'s parameters.
    SourceLocation Loc = ParamsCall->getExprLoc();
    GenValue Owner = load(T.handleFor(nullptr, Module), ParamsCall);
    GenValue Params =
        derived(Owner, spec(ProvKind::View, ParamsCall, Owner.Root, Loc, "parameters"));
    GenValue Held;
    Held.Id = newValue();
    emit<StoreElementFact>(Held.Id, Params.Id, ParamsCall, Loc, "optimizer");
    bind(T.handleFor(nullptr, Opt), Held, Opt->getLocation(), Opt);
  }
}

GenValue FactGenerator::paramGroupParams(const Expr *Group) {
  // `OptimizerParamGroup(m->parameters(), std::make_unique<AdamOptions>(1e-4))`.
  const auto *CE = dyn_cast<CXXConstructExpr>(stripGroupCopies(Group, Lib));
  if (!CE || !Model.isParamGroup(CE->getType()) || !CE->getNumArgs() ||
      !followedParameterList(CE->getArg(0))) {
    consume(Group);
    return {};
  }
  GenValue V = eval(CE->getArg(0));
  consumeAll(ArrayRef(CE->getArgs(), CE->getNumArgs()).drop_front());
  return V;
}

bool FactGenerator::followedParameterList(const Expr *List) const {
  List = stripGroupCopies(List, Lib);
  if (!isModuleParameterList(List))
    return false;
  const Expr *Object = throughHolderArrow(
      cast<CXXMemberCallExpr>(List->IgnoreImplicit())->getImplicitObjectArgument());
  if (isa<DeclRefExpr>(Object))
    return true;
  const auto *ME = dyn_cast<MemberExpr>(Object);
  if (ME && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return true;
  // `model->encoder->fc->parameters()`: members down to a named module,
  // which moduleField tells apart from the module's other members.
  while (ME && Model.isModuleType(ME->getBase()->IgnoreParenImpCasts()->getType())) {
    Object = throughHolderArrow(ME->getBase());
    if (isa<DeclRefExpr>(Object))
      return true;
    ME = dyn_cast<MemberExpr>(Object);
  }
  return false;
}

GenValue FactGenerator::paramGroupList(const Expr *List) {
  const Expr *Stripped = stripGroupCopies(List, Lib);
  if (const VarDecl *VD = namedVariable(Stripped); VD && ParamGroupLists.contains(VD))
    return load(T.handleFor(VD, nullptr), List);
  const auto *CE = dyn_cast<CXXConstructExpr>(Stripped);
  if (!CE || !Model.isParamGroupList(CE->getType())) {
    consume(List);
    return {};
  }
  // `{OptimizerParamGroup(a->parameters()), OptimizerParamGroup(b->parameters())}`:
  // each group's parameters are elements of the list.
  GenValue R;
  R.Id = newValue();
  for (const Expr *A : CE->arguments())
    forEachListedElement(A, [&](const Expr *Init) {
      if (!Model.isParamGroup(Init->getType())) {
        consume(Init);
        return;
      }
      GenValue V = paramGroupParams(Init);
      if (V.Id != NoId)
        emit<StoreElementFact>(R.Id, V.Id, CE, Init->getExprLoc(), "optimizer");
    });
  return R;
}

bool FactGenerator::paramGroupsDeclaration(const VarDecl *VD) {
  if (!ParamGroupLists.contains(VD))
    return false;
  GenValue V = VD->getInit() ? paramGroupList(VD->getInit()) : GenValue();
  if (V.Id == NoId)
    V.Id = newValue();
  bind(T.handleFor(VD, nullptr), V, VD->getLocation(), VD);
  return true;
}

std::optional<GenValue> FactGenerator::paramGroupsCall(const Expr *Call, const Expr *Object,
                                                       StringRef Method,
                                                       ArrayRef<const Expr *> Args) {
  const VarDecl *VD = namedVariable(Object);
  if (!VD || !ParamGroupLists.contains(VD) || !Lib.GroupListInserts.contains(Method))
    return std::nullopt;
  GenValue Params;
  if (Args.empty()) {
    return GenValue();
  } else if (!Model.isParamGroup(Args[0]->getType())) {
    // `groups.emplace_back(m->parameters(), opts)`: the group's own arguments.
    if (followedParameterList(Args[0]))
      Params = eval(Args[0]);
    else
      consume(Args[0]);
  } else {
    Params = paramGroupParams(Args[0]);
  }
  consumeAll(Args.drop_front());
  if (Params.Id != NoId) {
    ValueId Element = newValue();
    emit<StoreElementFact>(Element, Params.Id, Call, Call->getExprLoc(), "optimizer");
    emit<AddToFact>(T.handleFor(VD, nullptr), Element, Call->getExprLoc());
  }
  return GenValue();
}

void FactGenerator::addParamGroup(const GenValue &Opt, const Expr *Call,
                                  ArrayRef<const Expr *> Args) {
  if (Args.empty())
    return;
  GenValue Params = paramGroupParams(Args[0]);
  consumeAll(Args.drop_front());
  if (Opt.Root == NoId || Params.Id == NoId)
    return;
  ValueId Element = newValue();
  emit<StoreElementFact>(Element, Params.Id, Call, Call->getExprLoc(), "optimizer");
  emit<AddToFact>(Opt.Root, Element, Call->getExprLoc());
}

GenValue FactGenerator::VisitCXXNewExpr(const CXXNewExpr *E) {
  // `new SGD(model->parameters(), ...)`: the optimizer it makes (a local
  // pointer or a smart pointer's constructor holds it).
  if (const CXXConstructExpr *CE = E->getConstructExpr();
      CE && !E->isArray() && Model.isOptimizerObject(E->getAllocatedType())) {
    for (const Expr *A : E->placement_arguments())
      consume(A);
    return eval(CE);
  }
  return VisitStmt(E);
}

bool FactGenerator::optimizerPointerDeclaration(const VarDecl *VD) {
  QualType Type = VD->getType();
  const Expr *Init = VD->getInit();
  if (!Init || !Type->isPointerType() || !Model.isOptimizerObject(Type->getPointeeType()) ||
      !VD->isLocalVarDecl() || ChangedPointers.contains(VD))
    return false;
  // `Optimizer *opt = &sgd;` of a local optimizer object.
  const auto *UO = dyn_cast<UnaryOperator>(Init->IgnoreParenImpCasts());
  const VarDecl *Target =
      UO && UO->getOpcode() == UO_AddrOf ? namedVariable(UO->getSubExpr()) : nullptr;
  if (!Target || !Target->isLocalVarDecl() || Target->getType()->isReferenceType() ||
      !Model.isOptimizerObject(Target->getType()) || referredHandle(Target) != NoId)
    return false;
  GenValue V = eval(UO->getSubExpr());
  if (V.IsHandle && V.Root != NoId)
    RefAlias[VD] = V.Root;
  return true;
}

const FieldDecl *FactGenerator::moduleFieldCopiedFrom(const CXXConstructorDecl &Ctor,
                                                      const Expr *Object) const {
  // `Trainer(Net net) : net_(net), opt_(net->parameters())`: a module
  // holder (ModuleHolder, shared_ptr) copied into the field is the same
  // module; one held by value, or moved from, is not.
  const auto *PD = dyn_cast_or_null<ParmVarDecl>(namedVariable(Object));
  auto IsHolder = [&](QualType T) {
    T = T.getNonReferenceType();
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    return RD && Model.isModuleType(T) && !derivesFromAny(*RD, Lib.ModuleBases);
  };
  if (!PD || PD->getDeclContext() != &Ctor || !IsHolder(PD->getType()))
    return nullptr;
  const FieldDecl *Found = nullptr;
  for (const CXXCtorInitializer *CI : Ctor.inits()) {
    const FieldDecl *Field = CI->getMember();
    if (!Field || !CI->isWritten() || !IsHolder(Field->getType()))
      continue;
    const Expr *Init = CI->getInit()->IgnoreImplicit();
    if (const auto *PLE = dyn_cast<ParenListExpr>(Init); PLE && PLE->getNumExprs() == 1)
      Init = PLE->getExpr(0)->IgnoreImplicit();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Init);
        CE && CE->getNumArgs() == 1 && CE->getConstructor() &&
        CE->getConstructor()->isCopyConstructor())
      Init = CE->getArg(0);
    if (namedVariable(Init) == PD) {
      if (Found)
        return nullptr;
      Found = Field;
    }
  }
  return Found;
}

std::optional<GenValue> FactGenerator::moduleField(const MemberExpr *E) {
  // `model->weight`, `model->fc1->bias`: a parameter (or submodule) of a
  // module object is a view of the module's storage. `this->weight` inside
  // the module's own methods stays a field handle.
  const auto *Field = dyn_cast<FieldDecl>(E->getMemberDecl());
  const Expr *Base = E->getBase()->IgnoreParenImpCasts();
  if (!Field || !isHolderType(Field->getType()) || isa<CXXThisExpr>(Base) ||
      !Model.isModuleType(Base->getType()))
    return std::nullopt;
  GenValue Obj = eval(E->getBase());
  ProvSpec Spec = spec(ProvKind::View, E, Obj.Root, E->getMemberLoc(), nameOf(*Field));
  // Different members of one module are different tensors: the path from a
  // named module (`model->fc->weight`: fc, weight) tells them apart.
  if (!Obj.Members.empty() || isa<DeclRefExpr>(throughHolderArrow(Base))) {
    Spec.Members = Obj.Members;
    Spec.Members.push_back(Field);
  }
  // Named by its path: 'fc->weight' of 'model'.
  if (Spec.Members.size() > 1) {
    std::string Path;
    for (const FieldDecl *Member : Spec.Members)
      Path += (Path.empty() ? "" : "->") + Member->getNameAsString();
    Spec.Op = Out.Strings.save(Path);
  }
  return derived(Obj, Spec);
}

std::optional<GenValue> FactGenerator::libraryObjectConstruction(const CXXConstructExpr *E) {
  const CXXConstructorDecl *Ctor = E->getConstructor();
  QualType Type = E->getType();
  if (!Ctor || Ctor->isCopyOrMoveConstructor())
    return std::nullopt;
  if (Model.isOptimizerObject(Type))
    return optimizerConstruction(E, ArrayRef(E->getArgs(), E->getNumArgs()));
  if (Model.isOptimizerType(Type)) {
    // `std::unique_ptr<Optimizer> opt = std::make_unique<SGD>(...)`: the
    // holder converted from another holds the same optimizer; an empty one
    // holds nothing.
    if (E->getNumArgs() == 1 && Model.isOptimizerType(E->getArg(0)->getType()))
      return unnamed(eval(E->getArg(0)), E->getExprLoc());
    for (const Expr *A : E->arguments())
      consume(A);
    return GenValue();
  }
  if (Model.isModuleType(Type)) {
    // A new module: its parameters are a new storage.
    for (const Expr *A : E->arguments())
      consume(A);
    return fresh(E);
  }
  return std::nullopt;
}

GenValue FactGenerator::VisitCXXConstructExpr(const CXXConstructExpr *E) {
  if (std::optional<GenValue> R = libraryObjectConstruction(E))
    return *R;
  const CXXConstructorDecl *Ctor = E->getConstructor();
  QualType Type = E->getType();
  if (Ctor && Ctor->isCopyConstructor() && E->getNumArgs() >= 1 && isNumberContainer(Type)) {
    consume(E->getArg(0));
    return fresh(E);
  }
  if (Ctor && (Ctor->isCopyConstructor() || Ctor->isMoveConstructor()) && E->getNumArgs() >= 1 &&
      isHolderType(Type)) {
    GenValue V = eval(E->getArg(0));
    V.IsHandle = false;
    V.Element = false;
    return V;
  }
  if (isContainer(Type)) {
    GenValue R;
    R.Id = newValue();
    const auto *Spec =
        dyn_cast_or_null<ClassTemplateSpecializationDecl>(Type->getAsCXXRecordDecl());
    bool StdMap = Spec && Spec->isInStdNamespace() && Spec->getIdentifier() &&
                  Lib.MapContainers.contains(Spec->getName());
    for (const Expr *A : E->arguments())
      forEachListedElement(A, [&](const Expr *Init) {
        // `std::map<std::string, Tensor> m{{"h", h0}}`: each entry is a
        // pair built from the key and the mapped tensor.
        if (const auto *Pair = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit());
            StdMap && Pair && Pair->getNumArgs() == 2 &&
            !Pair->getConstructor()->isCopyOrMoveConstructor()) {
          consume(Pair->getArg(0));
          Init = Pair->getArg(1);
        }
        GenValue V = eval(Init);
        if (V.Id != NoId)
          emit<StoreElementFact>(R.Id, V.Id, E, Init->getExprLoc(), "");
      });
    return R;
  }
  for (const Expr *A : E->arguments())
    consume(A);
  if (Model.typeOf(Type))
    return fresh(E);
  return {};
}

GenValue FactGenerator::VisitLambdaExpr(const LambdaExpr *E) {
  GenValue R;
  R.Id = newValue();
  for (const LambdaCapture &C : E->captures()) {
    if (!C.capturesVariable() || C.getCaptureKind() != LCK_ByCopy)
      continue;
    const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar());
    if (!VD || !isHolderType(VD->getType()) || isNumberContainer(VD->getType()))
      continue;
    ValueId Captured;
    HandleId H;
    if (VD->isInitCapture()) {
      // `[t = x]` copies x's handle; `[t = x.clone()]` holds a fresh storage.
      GenValue Init = eval(VD->getInit());
      if (Init.Id == NoId)
        continue;
      Captured = Init.Id;
      H = Init.Root;
    } else {
      H = referredHandle(VD);
      if (H == NoId)
        H = T.handleFor(VD, nullptr);
      Captured = newValue();
      emit<LoadFact>(Captured, H, E, /*Buffer=*/false, C.getLocation());
    }
    ProvSpec Capture = spec(ProvKind::Lambda, E, H, C.getLocation(), "");
    emit<DeriveFact>(R.Id, Captured, Capture);
    CapturedValues[E].push_back({VD, Captured, Capture});
  }
  return R;
}

GenValue FactGenerator::VisitAbstractConditionalOperator(const AbstractConditionalOperator *E) {
  consume(E->getCond());
  GenValue True = eval(E->getTrueExpr());
  GenValue False = eval(E->getFalseExpr());
  GenValue R;
  R.Id = newValue();
  for (const GenValue &Branch : {True, False})
    if (Branch.Id != NoId)
      emit<PassFact>(R.Id, Branch.Id, /*KeepSource=*/true, E->getExprLoc());
  return R;
}

GenValue FactGenerator::VisitArraySubscriptExpr(const ArraySubscriptExpr *E) {
  GenValue Base = eval(E->getBase());
  consume(E->getIdx());
  return unnamed(Base, E->getExprLoc());
}

GenValue FactGenerator::VisitUnaryOperator(const UnaryOperator *E) {
  switch (E->getOpcode()) {
  case UO_Deref:
    if (HandleId H = pointee(E->getSubExpr()); H != NoId)
      return load(H, E);
    if (std::optional<GenValue> Found = foundElement(E->getSubExpr(), E))
      return *Found;
    return unnamed(eval(E->getSubExpr()), E->getExprLoc());
  case UO_AddrOf:
    // Escapes are not tracked: no claim either way.
    eval(E->getSubExpr());
    return {};
  case UO_PreInc:
  case UO_PreDec:
  case UO_PostInc:
  case UO_PostDec: {
    GenValue V = eval(E->getSubExpr());
    if (!V.IsHandle && V.Root != NoId)
      write(V, E, "++");
    return {};
  }
  default:
    return VisitStmt(E);
  }
}

GenValue FactGenerator::VisitBinaryOperator(const BinaryOperator *E) {
  if (!E->isAssignmentOp())
    return VisitStmt(E);
  GenValue L = eval(E->getLHS());
  GenValue R = eval(E->getRHS());
  if (L.IsHandle && E->getOpcode() == BO_Assign)
    bind(L.Root, R, E->getOperatorLoc(), E);
  else if (!L.IsHandle && L.Root != NoId)
    write(L, E, E->getOpcodeStr());
  return {};
}

// --- Statements -----------------------------------------------------------------

void FactGenerator::declaration(const VarDecl *VD) {
  if (auto It = LoopRange.find(VD); It != LoopRange.end() && loopVariable(VD, It->second))
    return;
  if (aggregateDeclaration(VD) || pointerDeclaration(VD) || smartPointerDeclaration(VD) ||
      libraryMapFindDeclaration(VD) || objectPointerDeclaration(VD))
    return;
  if (paramGroupsDeclaration(VD) || optimizerPointerDeclaration(VD))
    return;
  const Expr *Init = VD->getInit();
  if (VD->getType()->isReferenceType()) {
    if (!Init)
      return;
    GenValue V = eval(Init);
    // `Tensor &y = x.mul_(2)` names x itself, like `Tensor &r = x`.
    if (V.IsHandle || (V.InplaceCall && V.Root != NoId)) {
      RefAlias[VD] = V.Root;
      return;
    }
    if (V.Element) {
      ElementRef[VD] = V.Root;
      return;
    }
    // `Tensor &r = c ? a : b` refers to one of them, copies neither: keep
    // the storages, claim no copy.
    // `for (auto &p : model->parameters())`: each element of the temporary
    // list is one of the module's parameters (loopVariable).
    if (RangeVars.contains(VD) && V.Root != NoId && isModuleParameterList(Init))
      ParameterRangeOf[VD] = V.Root;
    V = unnamed(V, VD->getLocation());
    if (isHolderType(VD->getType())) {
      // A range-for's `__range` over a temporary is named as the code
      // spells the range (`model->named_parameters()`).
      std::string Name;
      if (VD->isImplicit() && RangeVars.contains(VD))
        Name = Lexer::getSourceText(CharSourceRange::getTokenRange(Init->getSourceRange()),
                                    Ctx.getSourceManager(), Ctx.getLangOpts())
                   .str();
      bind(T.handleFor(VD, nullptr, Name), V, VD->getLocation(), VD);
    }
    return;
  }
  // `auto a = x.accessor<float, 2>();`: a names x's data, like a pointer
  // from `data_ptr`.
  if (isAccessor(VD->getType()) && Init) {
    GenValue V = eval(Init);
    if (V.RawAccess && V.Root != NoId)
      RefAlias[VD] = V.Root;
    else
      read(V, Init);
    return;
  }
  if (!isHolderType(VD->getType())) {
    // `Agent agent(x);`: the constructor's fields are agent's.
    if (const auto *CE =
            dyn_cast_or_null<CXXConstructExpr>(Init ? Init->IgnoreImplicit() : nullptr);
        CE && VD->getType()->isRecordType())
      if (const FunctionSummary *S = Summaries.lookup(CE->getConstructor())) {
        objectCall(CE, VD, CE->getConstructor(), ArrayRef(CE->getArgs(), CE->getNumArgs()), *S);
        return;
      }
    if (Init)
      consume(Init);
    return;
  }
  if (!Init)
    return;
  GenValue V = eval(Init);
  if (V.RawAccess && V.Root != NoId) {
    RefAlias[VD] = V.Root;
    return;
  }
  bind(T.handleFor(VD, nullptr), V, VD->getLocation(), VD);
}

bool FactGenerator::loopVariable(const VarDecl *VD, const VarDecl *Range) {
  // `for (auto &p : v)` / `for (Tensor p : v)` over a named container v
  // (`__range` is a reference to it).
  if (!Model.typeOf(containerElement(Range->getType())))
    return false;
  // `for (auto &p : model->named_parameters())`: an entry of a library map
  // is an element of it (by value too: the entry's copy shares the tensor),
  // and the temporary map is `__range`'s own handle.
  if (isLibraryMapItem(VD->getType())) {
    auto It = RefAlias.find(Range);
    HandleId Container = It != RefAlias.end() ? It->second : T.findHandle(Range, nullptr);
    if (Container == NoId)
      return false;
    ElementRef[VD] = Container;
    return true;
  }
  // `for (auto &p : model->parameters()) p.mul_(0.5);` (or `auto p`: the
  // copy shares the tensor) writes the module's parameters: the loop
  // variable is an element of the module itself, which is then the writer,
  // as for an optimizer's step (a module reads its current parameters).
  if (auto It = ParameterRangeOf.find(Range);
      It != ParameterRangeOf.end() && Model.typeOf(VD->getType())) {
    ElementRef[VD] = It->second;
    return true;
  }
  auto It = RefAlias.find(Range);
  if (It == RefAlias.end() || !Model.typeOf(VD->getType()))
    return false;
  HandleId Container = It->second;
  if (VD->getType()->isReferenceType()) {
    ElementRef[VD] = Container;
    return true;
  }
  // By value: a handle of its own, holding the element's storages. Not an
  // alias event: writing through the loop variable is how code updates each
  // element (`for (auto p : params) p.zero_();`).
  GenValue C = load(Container, VD->getInit() ? VD->getInit() : Range->getInit());
  bind(T.handleFor(VD, nullptr), unnamed(C, VD->getLocation()), VD->getLocation(), VD);
  return true;
}

void FactGenerator::returnStatement(const ReturnStmt *RS) {
  const Expr *RV = RS->getRetValue();
  if (!RV)
    return;
  // An aggregate: each element's value, for the summary's Elements
  // (`return {x.narrow(0, 0, 2), x.narrow(0, 2, 2)};`), read as returned.
  if (QualType Type = RV->getType();
      aggregateKind(Type) != AggregateKind::None && !aggregateSlots(Type).empty()) {
    SmallVector<SlotValue, 2> Values = aggregateValues(RV, Type);
    for (unsigned I = 0; I < Values.size(); ++I)
      if (Values[I].V.Id != NoId)
        emit<ReturnFact>(Values[I].V.Id, RS, Values[I].ParamItself, I);
    for (const SlotValue &SV : Values)
      read(SV.V, RV);
    return;
  }
  GenValue V = eval(RV);
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
  if (V.Id != NoId)
    emit<ReturnFact>(V.Id, RS, ReturnsHandleItself);
  read(V, RV);
}

void FactGenerator::element(const CFGElement &Elem) {
  // A variable leaving scope can neither read nor be read: dropping its facts
  // keeps the state as small as the set of live handles.
  if (auto End = Elem.getAs<CFGLifetimeEnds>()) {
    const VarDecl *VD = End->getVarDecl();
    SourceLocation Loc =
        End->getTriggerStmt() ? End->getTriggerStmt()->getEndLoc() : VD->getLocation();
    if (!RefAlias.count(VD) && !ElementRef.count(VD))
      if (HandleId H = T.findHandle(VD, nullptr); H != NoId)
        emit<KillFact>(H, Loc);
    killSlots(VD, Loc);
    return;
  }
  if (auto Init = Elem.getAs<CFGInitializer>()) {
    const CXXCtorInitializer *CI = Init->getInitializer();
    if (const FieldDecl *Field = CI->getMember(); Field && isHolderType(Field->getType())) {
      GenValue V = eval(CI->getInit());
      bind(T.handleFor(nullptr, Field), V, CI->getSourceLocation(), CI);
    } else {
      consume(CI->getInit());
    }
    return;
  }
  auto S = Elem.getAs<CFGStmt>();
  if (!S)
    return;
  const Stmt *St = S->getStmt();
  CapturedValues.clear(); // values are numbered per element
  if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D)) {
        declaration(VD);
        closureDeclaration(VD);
      }
    return;
  }
  if (const auto *RS = dyn_cast<ReturnStmt>(St))
    return returnStatement(RS);
  if (const auto *E = dyn_cast<Expr>(St)) {
    // A discarded `a = b` reads nothing of a (its value is a).
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E->IgnoreImplicit());
        OC && OC->getOperator() == OO_Equal) {
      eval(E);
      return;
    }
    consume(E);
  }
}

// --- Aggregates -----------------------------------------------------------------

FactGenerator::AggregateKind FactGenerator::aggregateShape(QualType Type) const {
  if (Type.isNull())
    return AggregateKind::None;
  Type = Type.getNonReferenceType().getCanonicalType();
  const CXXRecordDecl *RD = Type->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || isHolderType(Type))
    return AggregateKind::None;
  if (RD->isInStdNamespace()) {
    if (!RD->getIdentifier())
      return AggregateKind::None;
    if (RD->getName() == "pair")
      return AggregateKind::Pair;
    if (RD->getName() == "tuple")
      return AggregateKind::Tuple;
    return AggregateKind::None;
  }
  // A plain struct: its copy is the copy of each field (the constructor and
  // assignment are checked where they are used). Bases would shift the
  // positions of braces and bindings: not modelled.
  if (RD->isLambda() || RD->isUnion() || RD->getNumBases() != 0)
    return AggregateKind::None;
  return AggregateKind::Struct;
}

FactGenerator::AggregateKind FactGenerator::aggregateKind(QualType Type, unsigned Depth) const {
  AggregateKind Kind = aggregateShape(Type);
  if (Kind != AggregateKind::Struct)
    return Kind;
  // (Asked for every name and call argument: remembered per type.)
  const clang::Type *Key = Type.getNonReferenceType().getCanonicalType().getTypePtr();
  if (auto It = StructKinds.find({Key, Depth}); It != StructKinds.end())
    return It->second;
  StructKinds[{Key, Depth}] = AggregateKind::None;
  // A struct holds tensors, directly or in a field that is itself an
  // aggregate holding tensors (`struct Step { std::pair<Tensor, int> io; }`).
  const CXXRecordDecl *RD = Type.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
  for (const FieldDecl *F : RD->fields()) {
    if (F->getType()->isReferenceType())
      continue;
    if (Model.typeOf(F->getType()) ||
        (Depth + 1 < MaxAggregateDepth && !aggregateSlots(F->getType(), Depth + 1).empty())) {
      StructKinds[{Key, Depth}] = AggregateKind::Struct;
      return AggregateKind::Struct;
    }
  }
  return AggregateKind::None;
}

unsigned FactGenerator::aggregateArity(QualType Type) const {
  const CXXRecordDecl *RD = Type.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
  switch (aggregateShape(Type)) {
  case AggregateKind::None:
    return 0;
  case AggregateKind::Tuple: {
    const TemplateArgumentList &Args = cast<ClassTemplateSpecializationDecl>(RD)->getTemplateArgs();
    return Args.size() == 1 && Args[0].getKind() == TemplateArgument::Pack ? Args[0].pack_size()
                                                                           : 0;
  }
  case AggregateKind::Pair:
  case AggregateKind::Struct:
    return std::distance(RD->field_begin(), RD->field_end());
  }
  llvm_unreachable("unknown aggregate kind");
}

const FieldDecl *FactGenerator::tupleLeaf(const CXXRecordDecl *RD, unsigned Index, QualType Element,
                                          unsigned Depth) const {
  // libstdc++ keeps element I in `_Head_base<I, T>::_M_head_impl` (a base),
  // libc++ in `__tuple_leaf<I, T>::__value_` (a member's base): the class
  // template whose first argument is I and which has a field of type T.
  if (!RD || !RD->hasDefinition() || Depth > 64)
    return nullptr;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() > 1 && Args[0].getKind() == TemplateArgument::Integral &&
        Args[0].getAsIntegral() == Index)
      for (const FieldDecl *F : RD->fields())
        if (Ctx.hasSameType(F->getType(), Element))
          return F;
  }
  for (const CXXBaseSpecifier &B : RD->bases())
    if (const FieldDecl *F =
            tupleLeaf(B.getType()->getAsCXXRecordDecl(), Index, Element, Depth + 1))
      return F;
  for (const FieldDecl *Member : RD->fields())
    if (const FieldDecl *F =
            tupleLeaf(Member->getType()->getAsCXXRecordDecl(), Index, Element, Depth + 1))
      return F;
  return nullptr;
}

std::optional<std::pair<FactGenerator::SlotStep, QualType>>
FactGenerator::aggregateElement(QualType Type, unsigned Position) const {
  AggregateKind Kind = aggregateShape(Type);
  if (Kind == AggregateKind::None)
    return std::nullopt;
  const CXXRecordDecl *RD = Type.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
  if (Kind == AggregateKind::Tuple) {
    const TemplateArgumentList &Args = cast<ClassTemplateSpecializationDecl>(RD)->getTemplateArgs();
    if (Args.size() != 1 || Args[0].getKind() != TemplateArgument::Pack ||
        Position >= Args[0].pack_size())
      return std::nullopt;
    const TemplateArgument &A = Args[0].pack_elements()[Position];
    if (A.getKind() != TemplateArgument::Type)
      return std::nullopt;
    const FieldDecl *F = tupleLeaf(RD, Position, A.getAsType(), 0);
    if (!F)
      return std::nullopt;
    return std::make_pair(SlotStep{F, Position, /*TupleElement=*/true}, A.getAsType());
  }
  for (const FieldDecl *F : RD->fields())
    if (F->getFieldIndex() == Position)
      return std::make_pair(SlotStep{F, Position, /*TupleElement=*/false}, F->getType());
  return std::nullopt;
}

SmallVector<FactGenerator::Slot, 2> FactGenerator::aggregateSlots(QualType Type,
                                                                  unsigned Depth) const {
  SmallVector<Slot, 2> Slots;
  if (aggregateKind(Type, Depth) == AggregateKind::None)
    return Slots;
  const clang::Type *Key = Type.getNonReferenceType().getCanonicalType().getTypePtr();
  if (auto It = KnownSlots.find({Key, Depth}); It != KnownSlots.end())
    return It->second;
  // Elements that are references (`std::tie`'s tuple) or neither tensors nor
  // aggregates holding tensors are not handles of the aggregate.
  for (unsigned I = 0, N = aggregateArity(Type); I < N; ++I) {
    std::optional<std::pair<SlotStep, QualType>> El = aggregateElement(Type, I);
    if (!El || El->second->isReferenceType())
      continue;
    if (Model.typeOf(El->second)) {
      Slots.push_back({El->first.Field, I, {El->first}});
      continue;
    }
    if (Depth + 1 >= MaxAggregateDepth)
      continue;
    for (const Slot &Sub : aggregateSlots(El->second, Depth + 1)) {
      Slot S{Sub.Field, I, {El->first}};
      S.Steps.append(Sub.Steps.begin(), Sub.Steps.end());
      Slots.push_back(std::move(S));
    }
  }
  KnownSlots[{Key, Depth}] = Slots;
  return Slots;
}

const VarDecl *FactGenerator::namedAggregate(const Expr *E) const {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || aggregateKind(VD->getType()) == AggregateKind::None)
    return nullptr;
  // A reference to an object not known here (a parameter, a range-for
  // variable over a temporary) would give its elements one storage for
  // every object it refers to, in every iteration: not followed.
  if (VD->getType()->isReferenceType() && !AggregateRefs.count(VD))
    return nullptr;
  return aggregateBase(VD);
}

std::optional<unsigned> FactGenerator::getPosition(const CallExpr *E, QualType Type) const {
  const FunctionDecl *Callee = E->getDirectCallee();
  const TemplateArgumentList *TA = Callee ? Callee->getTemplateSpecializationArgs() : nullptr;
  if (!TA || TA->size() == 0)
    return std::nullopt;
  if ((*TA)[0].getKind() == TemplateArgument::Integral)
    return unsigned((*TA)[0].getAsIntegral().getZExtValue());
  if ((*TA)[0].getKind() != TemplateArgument::Type)
    return std::nullopt;
  // `std::get<Tensor>(pr)`: the one element of that type (else it would not
  // compile).
  std::optional<unsigned> Found;
  for (unsigned I = 0, N = aggregateArity(Type); I < N; ++I)
    if (std::optional<std::pair<SlotStep, QualType>> El = aggregateElement(Type, I);
        El && Ctx.hasSameType(El->second, (*TA)[0].getAsType())) {
      if (Found)
        return std::nullopt;
      Found = I;
    }
  return Found;
}

std::optional<FactGenerator::AggregatePart> FactGenerator::aggregatePart(const Expr *E) const {
  E = E->IgnoreParenImpCasts();
  // One step down from the aggregate \p E names to its element at
  // \p Position, itself an aggregate holding tensors.
  auto Step = [&](const Expr *Of, std::optional<unsigned> Position,
                  bool FieldsOnly) -> std::optional<AggregatePart> {
    std::optional<AggregatePart> P = aggregatePart(Of);
    if (!P || !Position || P->Prefix.size() + 1 >= MaxAggregateDepth)
      return std::nullopt;
    if (FieldsOnly && aggregateKind(P->Type) == AggregateKind::Tuple)
      return std::nullopt;
    std::optional<std::pair<SlotStep, QualType>> El = aggregateElement(P->Type, *Position);
    if (!El || El->second->isReferenceType() || aggregateSlots(El->second).empty())
      return std::nullopt;
    P->Prefix.push_back(El->first);
    P->Type = El->second;
    return P;
  };
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    // A structured binding: a struct's names its field of the hidden
    // variable; a pair's or tuple's is a reference bound to `get<I>(e)`.
    if (const auto *BD = dyn_cast<BindingDecl>(DRE->getDecl())) {
      if (const VarDecl *Holding = BD->getHoldingVar()) {
        auto It = AggregatePartRefs.find(Holding);
        return It == AggregatePartRefs.end() ? std::nullopt
                                             : std::optional<AggregatePart>(It->second);
      }
      return BD->getBinding() ? aggregatePart(BD->getBinding()) : std::nullopt;
    }
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return std::nullopt;
    if (auto It = AggregatePartRefs.find(VD); It != AggregatePartRefs.end())
      return It->second;
    if (const VarDecl *Base = namedAggregate(E))
      return AggregatePart{Base, {}, Base->getType()};
    return std::nullopt;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!Field || ME->isArrow())
      return std::nullopt;
    return Step(ME->getBase(), Field->getFieldIndex(), /*FieldsOnly=*/true);
  }
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && isStdCall(Call, "get") && Call->getNumArgs() == 1) {
    std::optional<AggregatePart> P = aggregatePart(Call->getArg(0));
    if (!P)
      return std::nullopt;
    return Step(Call->getArg(0), getPosition(Call, P->Type), /*FieldsOnly=*/false);
  }
  return std::nullopt;
}

SmallVector<FactGenerator::Slot, 2> FactGenerator::partSlots(const AggregatePart &P) const {
  SmallVector<Slot, 2> Slots;
  for (Slot &S : aggregateSlots(P.Base->getType())) {
    if (S.Steps.size() <= P.Prefix.size())
      continue;
    bool Under = true;
    for (unsigned I = 0; I < P.Prefix.size() && Under; ++I)
      Under = S.Steps[I].Field == P.Prefix[I].Field;
    if (Under)
      Slots.push_back(std::move(S));
  }
  return Slots;
}

bool FactGenerator::samePositions(const Slot &A, unsigned SkipA, const Slot &B, unsigned SkipB) {
  if (A.Steps.size() < SkipA || B.Steps.size() < SkipB ||
      A.Steps.size() - SkipA != B.Steps.size() - SkipB)
    return false;
  for (unsigned I = 0; SkipA + I < A.Steps.size(); ++I)
    if (A.Steps[SkipA + I].Position != B.Steps[SkipB + I].Position)
      return false;
  return true;
}

HandleId FactGenerator::slotHandle(const VarDecl *Base, const Slot &S) {
  Base = aggregateBase(Base);
  // The messages name the element as the code does: the binding's own name
  // (`x` of `auto [x, y] = pr;`), `std::get<1>(t)`, `pr.first` / `s.h`, and
  // so on down nested aggregates (`pr.first.first`, `std::get<0>(s.io)`).
  std::string Name = Base->getName().str();
  unsigned From = 0;
  if (const auto *DD = dyn_cast<DecompositionDecl>(Base);
      DD && !S.Steps.empty() && S.Position < DD->bindings().size()) {
    Name = DD->bindings()[S.Position]->getName().str();
    From = 1;
  }
  SmallVector<const FieldDecl *, 2> Path;
  for (unsigned I = 0; I < S.Steps.size(); ++I) {
    const SlotStep &St = S.Steps[I];
    Path.push_back(St.Field);
    if (I < From)
      continue;
    if (St.TupleElement)
      Name = ("std::get<" + Twine(St.Position) + ">(" + Name + ")").str();
    else
      Name = (Name + "." + St.Field->getName()).str();
  }
  return T.handleFor(Base, ArrayRef<const FieldDecl *>(Path), Name);
}

/// Whether \p E is a parameter itself (through copies), not a view of it.
static bool isParameterItself(const Expr *E) {
  while (true) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
        CE && CE->getNumArgs() == 1 && CE->getConstructor() &&
        (CE->getConstructor()->isCopyConstructor() || CE->getConstructor()->isMoveConstructor())) {
      E = CE->getArg(0);
      continue;
    }
    break;
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  return DRE && isa<ParmVarDecl>(DRE->getDecl());
}

SmallVector<FactGenerator::SlotValue, 2> FactGenerator::aggregateValues(const Expr *Init,
                                                                        QualType Type) {
  SmallVector<Slot, 2> Slots = aggregateSlots(Type);
  SmallVector<SlotValue, 2> Values(Slots.size());
  const Expr *E = Init->IgnoreImplicit()->IgnoreParens();
  // `State{t}`, `std::pair<Tensor, Tensor>(a, b)` spelled as a cast.
  while (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
    E = FC->getSubExpr()->IgnoreImplicit()->IgnoreParens();
  // A copy or move: of a named aggregate, or of what the argument is.
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
      CE && CE->getConstructor() && CE->getConstructor()->isCopyOrMoveConstructor() &&
      CE->getNumArgs() >= 1)
    return aggregateValues(CE->getArg(0), Type);
  // `auto pr2 = pr;`, `State s2 = s1;`, `auto in = pr.first;`: each
  // element's handle is copied, and no single expression names it (the fix
  // is `s1.h.clone()`, not `s1`'s). Elements correspond by position.
  auto Copied = [&](const AggregatePart &P, auto &&Take) {
    SmallVector<Slot, 2> From = partSlots(P);
    for (unsigned I = 0; I < Slots.size(); ++I)
      for (const Slot &S : From)
        if (samePositions(Slots[I], 0, S, P.Prefix.size())) {
          Values[I].V = Take(slotHandle(P.Base, S));
          break;
        }
  };
  if (std::optional<AggregatePart> Src = aggregatePart(E)) {
    Copied(*Src, [&](HandleId H) {
      GenValue V;
      V.Id = newValue();
      V.Root = H;
      emit<LoadFact>(V.Id, V.Root, nullptr, /*Buffer=*/false, E->getExprLoc());
      return V;
    });
    return Values;
  }
  // `std::move(pr)`: the new owner takes the elements over; the source dies.
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && Call->getNumArgs() == 1 && Lib.MoveFunctions.contains(stdCalleeName(Call)))
    if (std::optional<AggregatePart> Src = aggregatePart(Call->getArg(0))) {
      Copied(*Src, [&](HandleId H) {
        GenValue V = unnamed(load(H, E), E->getExprLoc());
        emit<KillFact>(H, E->getExprLoc());
        return V;
      });
      return Values;
    }
  // Positional: `std::make_pair(a, b)`, `std::tuple<...>(a, b)`, `{a, b}`,
  // and nested: `std::make_pair(std::make_pair(a, 1), 2)`, `{{a, 1}, 2}`.
  unsigned Arity = aggregateArity(Type);
  ArrayRef<const Expr *> Args;
  SmallVector<const Expr *, 4> Storage;
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && (isStdCall(Call, "make_pair") || isStdCall(Call, "make_tuple")))
    Args = ArrayRef(Call->getArgs(), Call->getNumArgs());
  else if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
           CE && aggregateKind(Type) != AggregateKind::Struct && CE->getNumArgs() == Arity)
    Args = ArrayRef(CE->getArgs(), CE->getNumArgs());
  else if (const auto *IL = dyn_cast<InitListExpr>(E); IL && IL->getNumInits() <= Arity) {
    Storage.append(IL->inits().begin(), IL->inits().end());
    Args = Storage;
  }
  if (!Args.empty() && Args.size() <= Arity) {
    for (unsigned I = 0; I < Args.size(); ++I) {
      SmallVector<unsigned, 2> At;
      for (unsigned J = 0; J < Slots.size(); ++J)
        if (Slots[J].Position == I)
          At.push_back(J);
      if (At.empty()) {
        consume(Args[I]);
        continue;
      }
      if (Slots[At.front()].Steps.size() == 1) {
        SlotValue &SV = Values[At.front()];
        SV.V = eval(Args[I]);
        SV.Loc = Args[I]->getExprLoc();
        SV.Site = Args[I];
        SV.ParamItself = isParameterItself(Args[I]);
        continue;
      }
      // An aggregate element: its own elements, by position.
      std::optional<std::pair<SlotStep, QualType>> El = aggregateElement(Type, I);
      if (!El) {
        consume(Args[I]);
        continue;
      }
      SmallVector<Slot, 2> Inner = aggregateSlots(El->second);
      SmallVector<SlotValue, 2> InnerValues = aggregateValues(Args[I], El->second);
      for (unsigned J : At)
        for (unsigned K = 0; K < Inner.size(); ++K)
          if (samePositions(Slots[J], 1, Inner[K], 0)) {
            Values[J] = InnerValues[K];
            break;
          }
    }
    return Values;
  }
  // `split(x)` of a function whose summary says which parameters the
  // returned aggregate's elements hold.
  if (std::optional<SmallVector<SlotValue, 2>> R = summarisedAggregateCall(E, Type, Slots))
    return *R;
  // Anything else (a call returning a pair): new tensors, one per element.
  consume(E);
  for (SlotValue &SV : Values) {
    SV.V.Id = newValue();
    emit<FreshFact>(SV.V.Id, E, Out.Alloc.Allocate<char>());
  }
  return Values;
}

std::optional<SmallVector<FactGenerator::SlotValue, 2>>
FactGenerator::summarisedAggregateCall(const Expr *E, QualType Type, ArrayRef<Slot> Slots) {
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call || isa<CXXMemberCallExpr, CXXOperatorCallExpr>(Call))
    return std::nullopt;
  const FunctionDecl *Callee = Call->getDirectCallee();
  const FunctionSummary *S = Callee ? Summaries.lookup(Callee) : nullptr;
  if (!S || S->Elements.empty())
    return std::nullopt;
  auto Args = ArrayRef(Call->getArgs(), Call->getNumArgs());
  SmallVector<GenValue, 4> ArgValues;
  summarisedCall(Call, Callee, Args, &ArgValues);
  argumentBufferWrites(Call, *Callee, Args, /*PointersOnly=*/true);
  closureArguments(Call, *Callee, Args);
  // The summary numbers the elements of the callee's return type.
  SmallVector<Slot, 2> Returned = aggregateSlots(Call->getType());
  SmallVector<SlotValue, 2> Values(Slots.size());
  for (unsigned I = 0; I < Slots.size(); ++I) {
    GenValue &R = Values[I].V;
    R.Id = newValue();
    bool Held = false;
    for (unsigned J = 0; J < Returned.size(); ++J) {
      if (!samePositions(Slots[I], 0, Returned[J], 0))
        continue;
      for (const ElementReturn &ER : S->Elements) {
        if (ER.Element != J || ER.Param >= ArgValues.size())
          continue;
        const GenValue &A = ArgValues[ER.Param];
        emit<DeriveFact>(R.Id, A.Id,
                         spec(ER.Returned == ReturnKind::Same ? ProvKind::ReturnsParam
                                                              : ProvKind::ReturnsParamView,
                              Call, A.Root, Call->getExprLoc(), nameOf(*Callee), ER.ReturnLoc));
        R.Root = A.Root;
        R.ResultOf = Call;
        Held = true;
      }
      break;
    }
    if (!Held)
      emit<FreshFact>(R.Id, E, Out.Alloc.Allocate<char>());
  }
  return Values;
}

bool FactGenerator::aggregateDeclaration(const VarDecl *VD) {
  QualType Type = VD->getType();
  AggregateKind Kind = aggregateKind(Type);
  const Expr *Init = VD->getInit();
  if (Kind == AggregateKind::None || !Init || aggregateSlots(Type).empty())
    return false;
  if (Type->isReferenceType()) {
    // `auto &[x, y] = pr;`, `State &r = s;`, `auto &in = pr.first;`: the
    // same elements.
    if (std::optional<AggregatePart> Src = aggregatePart(Init)) {
      if (Src->Prefix.empty())
        AggregateRefs[VD] = Src->Base;
      else
        AggregatePartRefs[VD] = *Src;
      return true;
    }
    // `const auto &[x, y] = f();` keeps a temporary of its own alive.
    const Expr *E = Init;
    if (const auto *FE = dyn_cast<FullExpr>(E))
      E = FE->getSubExpr();
    if (!isa<MaterializeTemporaryExpr>(E->IgnoreParens()))
      return false;
  }
  // A struct made by a user constructor is an object (objectCall).
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit());
      CE && Kind == AggregateKind::Struct &&
      !(CE->getConstructor() && CE->getConstructor()->isCopyOrMoveConstructor() &&
        !CE->getConstructor()->isUserProvided()))
    return false;
  // A reference to its own temporary owns the elements, like a variable.
  if (Type->isReferenceType())
    AggregateRefs[VD] = VD;
  SmallVector<SlotValue, 2> Values = aggregateValues(Init, Type);
  SmallVector<Slot, 2> Slots = aggregateSlots(Type);
  for (unsigned I = 0; I < Slots.size(); ++I) {
    const SlotValue &SV = I < Values.size() ? Values[I] : SlotValue();
    bind(slotHandle(VD, Slots[I]), SV.V, SV.Loc.isValid() ? SV.Loc : VD->getLocation(),
         SV.Site ? SV.Site : VD);
  }
  return true;
}

std::optional<GenValue> FactGenerator::tupleGet(const CallExpr *E) {
  if (!isStdCall(E, "get") || E->getNumArgs() != 1)
    return std::nullopt;
  // `std::get<1>(t)`, `std::get<Tensor>(pr)`, `std::get<0>(pr.first)`.
  std::optional<AggregatePart> P = aggregatePart(E->getArg(0));
  if (!P)
    return std::nullopt;
  std::optional<unsigned> Position = getPosition(E, P->Type);
  if (!Position)
    return std::nullopt;
  for (const Slot &S : partSlots(*P))
    if (S.Steps.size() == P->Prefix.size() + 1 && S.Steps.back().Position == *Position)
      return load(slotHandle(P->Base, S), E);
  return std::nullopt;
}

std::optional<GenValue> FactGenerator::aggregateMember(const MemberExpr *E) {
  const auto *Field = dyn_cast<FieldDecl>(E->getMemberDecl());
  if (!Field || E->isArrow())
    return std::nullopt;
  std::optional<AggregatePart> P = aggregatePart(E->getBase());
  if (!P)
    return std::nullopt;
  for (const Slot &S : partSlots(*P))
    if (S.Steps.size() == P->Prefix.size() + 1 && S.Field == Field)
      return load(slotHandle(P->Base, S), E);
  return std::nullopt;
}

GenValue FactGenerator::bindingRef(const DeclRefExpr *E, const BindingDecl *BD) {
  // Tuple-like (pair, tuple): a hidden reference variable bound to
  // `get<I>(e)`. A struct: `e.field` itself.
  if (const VarDecl *Holding = BD->getHoldingVar()) {
    if (auto It = RefAlias.find(Holding); It != RefAlias.end())
      return load(It->second, E);
    return {};
  }
  const auto *ME = dyn_cast_or_null<MemberExpr>(BD->getBinding());
  const auto *Field = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  std::optional<AggregatePart> P = ME ? aggregatePart(ME->getBase()) : std::nullopt;
  if (!Field || !P)
    return {};
  for (const Slot &S : partSlots(*P))
    if (S.Steps.size() == P->Prefix.size() + 1 && S.Field == Field)
      return load(slotHandle(P->Base, S), E);
  return {};
}

std::optional<GenValue> FactGenerator::aggregateAssignment(const CXXOperatorCallExpr *E) {
  if (E->getOperator() != OO_Equal || E->getNumArgs() != 2)
    return std::nullopt;
  const Expr *LHS = E->getArg(0), *RHS = E->getArg(1);
  AggregateKind Kind = aggregateKind(LHS->getType());
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(E->getCalleeDecl());
  if (Kind == AggregateKind::None ||
      (Kind == AggregateKind::Struct && (!MD || MD->isUserProvided())))
    return std::nullopt;
  auto Bind = [&](HandleId H, const SlotValue &SV) {
    bind(H, SV.V, SV.Loc.isValid() ? SV.Loc : E->getOperatorLoc(), SV.Site ? SV.Site : E);
  };
  if (const auto *Tie = dyn_cast<CallExpr>(LHS->IgnoreImplicit()); Tie && isStdCall(Tie, "tie")) {
    // `std::tie(x, y) = f();` rebinds x and y.
    SmallVector<HandleId, 2> Targets;
    for (const Expr *A : Tie->arguments()) {
      GenValue V = eval(A);
      Targets.push_back(V.IsHandle ? V.Root : NoId);
    }
    SmallVector<Slot, 2> Slots = aggregateSlots(RHS->getType());
    SmallVector<SlotValue, 2> Values = aggregateValues(RHS, RHS->getType());
    for (unsigned I = 0; I < Targets.size(); ++I) {
      if (Targets[I] == NoId)
        continue;
      SlotValue SV;
      for (unsigned J = 0; J < Slots.size(); ++J)
        if (Slots[J].Steps.size() == 1 && Slots[J].Position == I)
          SV = Values[J];
      Bind(Targets[I], SV);
    }
    return GenValue();
  }
  // `s2 = s1`, `pr = std::make_pair(c, d)`, `pr.first = std::make_pair(c, 1)`.
  std::optional<AggregatePart> P = aggregatePart(LHS);
  if (!P)
    return std::nullopt;
  SmallVector<Slot, 2> Targets = partSlots(*P);
  if (Targets.empty())
    return std::nullopt;
  SmallVector<Slot, 2> Slots = aggregateSlots(P->Type);
  SmallVector<SlotValue, 2> Values = aggregateValues(RHS, P->Type);
  for (const Slot &Target : Targets) {
    SlotValue SV;
    for (unsigned J = 0; J < Slots.size(); ++J)
      if (samePositions(Target, P->Prefix.size(), Slots[J], 0))
        SV = Values[J];
    Bind(slotHandle(P->Base, Target), SV);
  }
  return GenValue();
}

void FactGenerator::readAggregateArgument(const Expr *Arg, QualType ParamType, const Expr *Site) {
  // A non-const reference parameter may rebind the elements before reading
  // them; unknown callees never write them either way.
  if (!ParamType.isNull() && ParamType->isLValueReferenceType() &&
      !ParamType.getNonReferenceType().isConstQualified())
    return;
  const Expr *E = Arg;
  while (true) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
        CE && CE->getNumArgs() >= 1 && CE->getConstructor() &&
        CE->getConstructor()->isCopyOrMoveConstructor()) {
      E = CE->getArg(0);
      continue;
    }
    break;
  }
  std::optional<AggregatePart> P = aggregatePart(E);
  if (!P)
    return;
  for (const Slot &S : partSlots(*P))
    emit<ReadFact>(slotHandle(P->Base, S), Site, nullptr, nullptr);
}

void FactGenerator::readAggregateArguments(const FunctionDecl *Callee, ArrayRef<const Expr *> Args,
                                           const Expr *Site, unsigned FirstParam) {
  // The standard library's functions taking aggregates handle their
  // elements (`std::get`, `std::make_pair`, `std::swap`, comparisons): none
  // of them is a read of the data we could tell from a copy.
  if (Callee && Callee->isInStdNamespace())
    return;
  for (unsigned I = 0; I < Args.size(); ++I) {
    unsigned P = FirstParam + I;
    QualType PT =
        Callee && P < Callee->getNumParams() ? Callee->getParamDecl(P)->getType() : QualType();
    readAggregateArgument(Args[I], PT, Site);
  }
}

const Expr *FactGenerator::unchangedLocalPointerInit(const VarDecl *VD) const {
  QualType Type = VD->getType();
  const Expr *Init = VD->getInit();
  if (!Type->isPointerType() || !Model.typeOf(Type->getPointeeType()) || !Init ||
      !VD->isLocalVarDecl() || ChangedPointers.contains(VD))
    return nullptr;
  return Init;
}

bool FactGenerator::pointerDeclaration(const VarDecl *VD) {
  const Expr *Init = unchangedLocalPointerInit(VD);
  if (!Init)
    return false;
  const Expr *E = Init->IgnoreParenImpCasts();
  if (HandleId H = pointee(E); H != NoId) {
    PointeeOf[VD] = H;
    return true;
  }
  const auto *UO = dyn_cast<UnaryOperator>(E);
  if (!UO || UO->getOpcode() != UO_AddrOf)
    return false;
  GenValue V = eval(UO->getSubExpr());
  // `&v[0]`, `&*it`: an element or a temporary's address is not followed.
  if (V.IsHandle && V.Root != NoId)
    PointeeOf[VD] = V.Root;
  return true;
}

bool FactGenerator::libraryMapFindDeclaration(const VarDecl *VD) {
  const Expr *Init = unchangedLocalPointerInit(VD);
  if (!Init)
    return false;
  const auto *Find = dyn_cast<CXXMemberCallExpr>(Init->IgnoreParenImpCasts());
  const CXXMethodDecl *MD = Find ? Find->getMethodDecl() : nullptr;
  const auto *Map = Find ? dyn_cast_or_null<ClassTemplateSpecializationDecl>(
                               Find->getImplicitObjectArgument()->getType()->getAsCXXRecordDecl())
                         : nullptr;
  if (!MD || !MD->getIdentifier() || !Lib.LibraryMapFinds.contains(MD->getName()) || !Map ||
      !isLibraryMap(*Map))
    return false;
  GenValue Container = eval(Find->getImplicitObjectArgument());
  consumeAll(ArrayRef(Find->getArgs(), Find->getNumArgs()));
  if (Container.Root != NoId)
    FoundElementOf[VD] = Container.Root;
  return true;
}

bool FactGenerator::smartPointerDeclaration(const VarDecl *VD) {
  const Expr *Init = VD->getInit();
  if (!isTensorSmartPointer(VD->getType()) || VD->getType()->isReferenceType() || !Init ||
      !VD->isLocalVarDecl() || ChangedPointers.contains(VD))
    return false;
  const Expr *E = Init->IgnoreImplicit();
  // `auto sp2 = sp;`: a copy of the pointer, the same pointee.
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E); CE && CE->getNumArgs() == 1 &&
                                                      CE->getConstructor() &&
                                                      CE->getConstructor()->isCopyConstructor())
    if (HandleId H = pointee(CE->getArg(0)); H != NoId) {
      PointeeOf[VD] = H;
      return true;
    }
  // `std::make_shared<Tensor>(t)` copy-constructs a new handle from t.
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call || !(isStdCall(Call, "make_shared") || isStdCall(Call, "make_unique")) ||
      Call->getNumArgs() != 1 || !Model.typeOf(Call->getArg(0)->getType()))
    return false;
  // The handle is the pointee, and the messages call it so.
  HandleId H = T.handleFor(VD, nullptr, ("*" + VD->getName()).str());
  bind(H, eval(Call->getArg(0)), VD->getLocation(), VD);
  PointeeOf[VD] = H;
  return true;
}

void FactGenerator::killSlots(const VarDecl *VD, SourceLocation Loc) {
  if (VD->getType()->isReferenceType() || aggregateKind(VD->getType()) == AggregateKind::None)
    return;
  for (const Slot &S : aggregateSlots(VD->getType())) {
    SmallVector<const FieldDecl *, 2> Path;
    for (const SlotStep &St : S.Steps)
      Path.push_back(St.Field);
    if (HandleId H = T.findHandle(VD, ArrayRef<const FieldDecl *>(Path)); H != NoId)
      emit<KillFact>(H, Loc);
  }
}

// --- CFG ----------------------------------------------------------------------

namespace {

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
/// a cycle may run several times per call, so a creation site in it makes a
/// new storage each time.
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

/// The lambda \p Init wraps (`std::function<void()> f = [&] {...};`).
const LambdaExpr *wrappedLambda(const Expr *Init) {
  while (Init) {
    Init = Init->IgnoreImplicit();
    if (const auto *L = dyn_cast<LambdaExpr>(Init))
      return L;
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Init); CE && CE->getNumArgs() == 1)
      Init = CE->getArg(0);
    else if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(Init))
      Init = FC->getSubExpr();
    else
      return nullptr;
  }
  return nullptr;
}

bool isStdFunction(QualType T) {
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getIdentifier() && RD->getName() == "function";
}

/// Adds to \p Changed the variables (as \p Target picks them) that \p CE
/// passes to a non-const reference parameter of its direct callee: the
/// callee may change them.
void insertNonConstRefArguments(const CallExpr &CE,
                                function_ref<const VarDecl *(const Expr *)> Target,
                                DenseSet<const VarDecl *> &Changed) {
  const FunctionDecl *Callee = CE.getDirectCallee();
  if (!Callee)
    return;
  for (unsigned I = 0; I < CE.getNumArgs() && I < Callee->getNumParams(); ++I) {
    QualType PT = Callee->getParamDecl(I)->getType();
    if (PT->isReferenceType() && !PT.getNonReferenceType().isConstQualified())
      if (const VarDecl *VD = Target(CE.getArg(I)))
        Changed.insert(VD);
  }
}

/// Local `std::function`s initialised with a lambda in \p Body and never
/// assigned, swapped or bound to a non-const reference afterwards: a call
/// of one calls that lambda.
DenseMap<const VarDecl *, const CXXMethodDecl *> storedLambdas(const Stmt *Body) {
  DenseMap<const VarDecl *, const CXXMethodDecl *> Found;
  DenseSet<const VarDecl *> Changed;
  auto Visit = [&](const Stmt *S, auto &Self) -> void {
    if (!S)
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->isLocalVarDecl() &&
                                                   isStdFunction(VD->getType()) &&
                                                   !VD->getType()->isReferenceType())
          if (const LambdaExpr *L = wrappedLambda(VD->getInit()))
            Found[VD] = L->getCallOperator();
    // Anything that may change which callable the variable holds.
    auto Target = [](const Expr *E) -> const VarDecl * {
      const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
      return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    };
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S);
        OC && OC->getOperator() == OO_Equal && OC->getNumArgs() > 0)
      if (const VarDecl *VD = Target(OC->getArg(0)))
        Changed.insert(VD);
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S); MC && MC->getMethodDecl() &&
                                                         MC->getMethodDecl()->getIdentifier() &&
                                                         MC->getMethodDecl()->getName() == "swap")
      if (const VarDecl *VD = Target(MC->getImplicitObjectArgument()))
        Changed.insert(VD);
    if (const auto *CE = dyn_cast<CallExpr>(S))
      insertNonConstRefArguments(*CE, Target, Changed);
    if (const auto *UO = dyn_cast<UnaryOperator>(S); UO && UO->getOpcode() == UO_AddrOf)
      if (const VarDecl *VD = Target(UO->getSubExpr()))
        Changed.insert(VD);
    for (const Stmt *C : S->children())
      Self(C, Self);
  };
  Visit(Body, Visit);
  for (const VarDecl *VD : Changed)
    Found.erase(VD);
  return Found;
}

/// Local pointer variables \p Body may make point elsewhere: assigned,
/// incremented, address taken, bound to a non-const reference.
DenseSet<const VarDecl *> changedPointers(const Stmt *Body) {
  DenseSet<const VarDecl *> Changed;
  // Any pointer or class-type variable: the caller only asks about pointers
  // and smart pointers.
  auto Target = [](const Expr *E) -> const VarDecl * {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    return VD && (VD->getType()->isPointerType() || VD->getType()->isRecordType()) ? VD : nullptr;
  };
  auto Visit = [&](const Stmt *S, auto &Self) -> void {
    if (!S)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp())
      if (const VarDecl *VD = Target(BO->getLHS()))
        Changed.insert(VD);
    if (const auto *UO = dyn_cast<UnaryOperator>(S);
        UO && (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf))
      if (const VarDecl *VD = Target(UO->getSubExpr()))
        Changed.insert(VD);
    if (const auto *CE = dyn_cast<CallExpr>(S))
      insertNonConstRefArguments(*CE, Target, Changed);
    // `sp = ...`, `sp.reset()`, `sp.swap(o)`, `sp.release()`.
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S);
        OC && OC->isAssignmentOp() && OC->getNumArgs() > 0)
      if (const VarDecl *VD = Target(OC->getArg(0)))
        Changed.insert(VD);
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S);
        MC && MC->getMethodDecl() && MC->getMethodDecl()->getIdentifier() &&
        (MC->getMethodDecl()->getName() == "reset" || MC->getMethodDecl()->getName() == "swap" ||
         MC->getMethodDecl()->getName() == "release"))
      if (const VarDecl *VD = Target(MC->getImplicitObjectArgument()))
        Changed.insert(VD);
    // `Tensor *&r = p;` may change p through r.
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D);
            VD && VD->getInit() && VD->getType()->isReferenceType() &&
            !VD->getType().getNonReferenceType().isConstQualified())
          if (const VarDecl *Ref = Target(VD->getInit()))
            Changed.insert(Ref);
    for (const Stmt *C : S->children())
      Self(C, Self);
  };
  Visit(Body, Visit);
  return Changed;
}

/// The local `std::vector<OptimizerParamGroup>` variables of \p Body whose
/// every use is an insert of a group (`push_back`, `emplace_back`) or
/// argument 0 of an optimizer's construction: what they hold is known. Any
/// other use (an assignment, `clear`, a reference, a call) leaves them out.
DenseSet<const VarDecl *> paramGroupLists(const Stmt *Body, const ApiModel &Model,
                                          const LibraryModel &Lib) {
  DenseSet<const VarDecl *> Lists;
  DenseSet<const DeclRefExpr *> Known;
  SmallVector<const DeclRefExpr *, 8> Uses;
  auto Mark = [&](const Expr *E) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(stripGroupCopies(E, Lib)))
      Known.insert(DRE);
  };
  auto Visit = [&](const Stmt *S, auto &Self) -> void {
    if (!S)
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D);
            VD && VD->isLocalVarDecl() && !VD->isStaticLocal() &&
            !VD->getType()->isReferenceType() && Model.isParamGroupList(VD->getType()))
          Lists.insert(VD);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      Uses.push_back(DRE);
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S);
        MC && MC->getMethodDecl() && MC->getMethodDecl()->getIdentifier() &&
        Lib.GroupListInserts.contains(MC->getMethodDecl()->getName()))
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(MC->getImplicitObjectArgument()->IgnoreParenImpCasts()))
        Known.insert(DRE);
    if (const auto *CE = dyn_cast<CXXConstructExpr>(S);
        CE && CE->getNumArgs() && Model.isOptimizerObject(CE->getType()))
      Mark(CE->getArg(0));
    if (const auto *Call = dyn_cast<CallExpr>(S);
        Call && Call->getNumArgs() &&
        (isStdCall(Call, "make_shared") || isStdCall(Call, "make_unique")) &&
        Model.isOptimizerType(Call->getType()))
      Mark(Call->getArg(0));
    for (const Stmt *C : S->children())
      Self(C, Self);
  };
  Visit(Body, Visit);
  for (const DeclRefExpr *DRE : Uses)
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()); VD && !Known.contains(DRE))
      Lists.erase(VD);
  return Lists;
}

} // namespace

void FactGenerator::run() {
  const CFG &G = Out.cfg();
  Out.PostOrder = std::make_unique<PostOrderCFGView>(&G);
  DenseSet<const Stmt *> Covered;
  for (const CFGBlock *B : G)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>())
        collectCovered(S->getStmt(), Covered);
  std::vector<bool> InCycle = blocksInCycles(G);
  StoredLambdas = storedLambdas(Out.function().getBody());
  ChangedPointers = changedPointers(Out.function().getBody());
  ParamGroupLists = paramGroupLists(Out.function().getBody(), Model, Lib);
  for (const CFGBlock *B : G)
    if (const auto *FRS = dyn_cast_or_null<CXXForRangeStmt>(B->getTerminatorStmt()))
      if (const auto *Range =
              dyn_cast_or_null<VarDecl>(cast<DeclStmt>(FRS->getRangeStmt())->getSingleDecl())) {
        LoopRange[FRS->getLoopVariable()] = Range;
        RangeVars.insert(Range);
      }

  auto Finish = [&](ElementFacts &EF) {
    EF.End = Out.Storage.size();
    EF.NumValues = NumValues;
    Out.MaxValues = std::max(Out.MaxValues, NumValues);
    NumValues = 0;
  };

  const FunctionDecl &FD = Out.function();
  Out.Entry.Begin = Out.Storage.size();
  for (unsigned I = 0; I < FD.getNumParams(); ++I) {
    const ParmVarDecl *PD = FD.getParamDecl(I);
    QualType PT = PD->getType();
    // A number container taken by value is the callee's own copy.
    if (isHolderType(PT) && !PT->isPointerType() &&
        !(!PT->isReferenceType() && isNumberContainer(PT)))
      emit<ParamFact>(T.handleFor(PD, nullptr), PD, I);
  }
  // A trainer's `optimizer_->step()` in `train()` steps the optimizer its
  // constructor built over `net_->parameters()`. (Constructors build it
  // themselves; a lambda's fields are its captures.)
  if (const auto *MD = dyn_cast<CXXMethodDecl>(&FD);
      MD && MD->isInstance() && !isa<CXXConstructorDecl>(MD) && !isa<CXXDestructorDecl>(MD) &&
      !MD->getParent()->isLambda())
    optimizerFieldsAtEntry(*MD->getParent());
  Finish(Out.Entry);

  Out.Blocks.resize(G.getNumBlockIDs());
  for (const CFGBlock *B : Out.postOrder()) {
    Out.Order.push_back(B);
    BlockFacts &BF = Out.Blocks[B->getBlockID()];
    BF.Block = B;
    BF.InCycle = InCycle[B->getBlockID()];
    for (const CFGElement &E : *B) {
      if (auto CS = E.getAs<CFGStmt>(); CS && Covered.count(CS->getStmt()))
        continue;
      ElementFacts EF;
      EF.Element = &E;
      EF.Begin = Out.Storage.size();
      element(E);
      Finish(EF);
      if (EF.End != EF.Begin)
        BF.Elements.push_back(EF);
    }
  }
}

// --- Closures: by-copy captures, closures passed on --------------------------

void FactGenerator::bindCapturedCopies(const ValueDecl *Owner, const LambdaExpr *L) {
  auto It = CapturedValues.find(L);
  if (It == CapturedValues.end())
    return;
  DenseMap<const ValueDecl *, FieldDecl *> Fields;
  FieldDecl *ThisField = nullptr;
  L->getLambdaClass()->getCaptureFields(Fields, ThisField);
  for (const CapturedCopy &C : It->second) {
    const FieldDecl *Field = Fields.lookup(C.Var);
    if (!Field)
      continue;
    // Named as the code names the closure: `f`, or `[t]` for a lambda
    // written at the call.
    std::string Name =
        isa<VarDecl>(Owner) ? nameOf(*Owner).str() : "[" + nameOf(*C.Var).str() + "]";
    HandleId H = T.handleFor(Owner, Field, Out.Strings.save(Name));
    // The copy is an alias event of its own (the capture), like the closure's.
    ValueId Copy = newValue();
    emit<DeriveFact>(Copy, C.Value, C.Spec);
    GenValue V;
    V.Id = Copy;
    bind(H, V, C.Spec.Loc, L);
  }
}

HandleId FactGenerator::capturedCopy(const ValueDecl *Owner, const LambdaExpr *L,
                                     const VarDecl *Var) const {
  DenseMap<const ValueDecl *, FieldDecl *> Fields;
  FieldDecl *ThisField = nullptr;
  L->getLambdaClass()->getCaptureFields(Fields, ThisField);
  const FieldDecl *Field = Fields.lookup(Var);
  return Field ? T.findHandle(Owner, Field) : NoId;
}

void FactGenerator::closureDeclaration(const VarDecl *VD) {
  if (!VD->isLocalVarDecl() || VD->getType()->isReferenceType())
    return;
  const LambdaExpr *L = wrappedLambda(VD->getInit());
  if (!L || !CapturedValues.count(L))
    return;
  // A closure type with captures cannot be assigned another lambda; a
  // `std::function` can: only one never changed (StoredLambdas) holds L.
  const CXXRecordDecl *RD = VD->getType()->getAsCXXRecordDecl();
  if (!(RD && RD->isLambda()) && !StoredLambdas.count(VD))
    return;
  bindCapturedCopies(VD, L);
  ClosureVariables[VD] = L;
}

std::pair<const CXXMethodDecl *, const Expr *> FactGenerator::passedClosure(const Expr *Arg) const {
  const Expr *E = Arg;
  while (true) {
    E = E->IgnoreImplicit()->IgnoreParenImpCasts();
    if (const auto *L = dyn_cast<LambdaExpr>(E))
      return {L->getCallOperator(), L};
    // `std::function` made of the closure (`run(f)`, `run([&] {...})`).
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E); CE && CE->getNumArgs() == 1)
      E = CE->getArg(0);
    else if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
      E = FC->getSubExpr();
    else
      break;
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD)
    return {nullptr, nullptr};
  if (const CXXRecordDecl *RD = VD->getType().getNonReferenceType()->getAsCXXRecordDecl();
      RD && RD->isLambda())
    return {RD->getLambdaCallOperator(), DRE};
  if (const CXXMethodDecl *Op = storedLambda(DRE))
    return {Op, DRE};
  return {nullptr, nullptr};
}

void FactGenerator::closureArguments(const Expr *Call, const FunctionDecl &Callee,
                                     ArrayRef<const Expr *> Args) {
  // An unknown callee reads its arguments and writes nothing: only a body
  // we see calling the parameter, or a listed algorithm, runs the closure.
  const FunctionDecl *Def = Summaries.summarised(&Callee);
  const ClosureAlgorithm *Algorithm = Def ? nullptr : closureAlgorithm(Callee, Args.size());
  if (!Def && !Algorithm)
    return;
  for (unsigned I = 0; I < Args.size(); ++I) {
    // (The closure first: scanning the callee's body costs more.)
    auto [Op, Closure] = passedClosure(Args[I]);
    const FunctionSummary *S = Op ? Summaries.lookup(Op) : nullptr;
    if (!S)
      continue;
    bool Called = Algorithm ? I + 1 == Args.size()
                            : I < Def->getNumParams() &&
                                  callsParameter(*Def, Def->getParamDecl(I), Summaries);
    if (!Called)
      continue;
    applyCaptures(Call, Closure, *S);
    if (!Algorithm)
      continue;
    // `std::for_each(v.begin(), v.end(), [](Tensor &e) { e.mul_(2); })`
    // writes the elements of v: v is the writer (as in a range-for).
    for (auto [Param, Range] : enumerate(Algorithm->ElementRanges)) {
      if (Param >= S->Params.size() || !S->Params[Param].Written)
        continue;
      const Expr *First = Args[Range]->IgnoreImplicit()->IgnoreParenImpCasts();
      const Expr *Container = nullptr;
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(First);
          MC && MC->getMethodDecl() && MC->getMethodDecl()->getIdentifier() &&
          MC->getMethodDecl()->getName() == "begin")
        Container = MC->getImplicitObjectArgument();
      else if (const auto *CE = dyn_cast<CallExpr>(First);
               CE && CE->getNumArgs() == 1 && isStdCall(CE, "begin"))
        Container = CE->getArg(0);
      if (!Container || !Model.typeOf(containerElement(Container->getType())))
        continue;
      GenValue C = eval(Container);
      if (C.Root == NoId)
        continue;
      GenValue Elements = load(C.Root, Container);
      emit<WriteFact>(Elements.Id, C.Root, Call, nameOf(Callee), /*ViaCallee=*/false, nullptr,
                      S->Params[Param].WriteLoc);
    }
  }
}

bool FactGenerator::objectPointerDeclaration(const VarDecl *VD) {
  QualType Type = VD->getType();
  const Expr *Init = VD->getInit();
  if (!Init || !VD->isLocalVarDecl() || Type->isReferenceType() || ChangedPointers.contains(VD))
    return false;
  QualType Pointee;
  bool Smart = false;
  if (Type->isPointerType()) {
    Pointee = Type->getPointeeType();
  } else if (const auto *Spec =
                 dyn_cast_or_null<ClassTemplateSpecializationDecl>(Type->getAsCXXRecordDecl());
             Spec && Spec->isInStdNamespace() && Spec->getIdentifier() &&
             (Spec->getName() == "shared_ptr" || Spec->getName() == "unique_ptr") &&
             Spec->getTemplateArgs().size() > 0 &&
             Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type) {
    Pointee = Spec->getTemplateArgs()[0].getAsType();
    Smart = true;
  }
  // Objects of class type with member summaries; tensors, modules,
  // optimizers and closures have their own models.
  const CXXRecordDecl *RD = Pointee.isNull() ? nullptr : Pointee->getAsCXXRecordDecl();
  if (!RD || RD->isLambda() || isHolderType(Pointee) || isStdFunction(Pointee))
    return false;
  const Expr *Source = Init->IgnoreImplicit()->IgnoreParenImpCasts();
  // `auto sp2 = sp;`, `Agent *q = p;`: the same pointee.
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Source);
      Smart && CE && CE->getNumArgs() == 1 && CE->getConstructor() &&
      CE->getConstructor()->isCopyConstructor())
    Source = CE->getArg(0)->IgnoreParenImpCasts();
  if (const VarDecl *From = namedVariable(Source))
    if (auto It = ObjectPointee.find(From); It != ObjectPointee.end()) {
      ObjectPointee[VD] = It->second;
      return true;
    }
  // `Agent *p = &agent;` of a local object (the member calls' own base).
  if (const auto *UO = dyn_cast<UnaryOperator>(Source);
      !Smart && UO && UO->getOpcode() == UO_AddrOf)
    if (const VarDecl *Object = namedVariable(UO->getSubExpr());
        Object && Object->isLocalVarDecl() && !Object->getType()->isReferenceType() &&
        Object->getType()->isRecordType() && objectBase(UO->getSubExpr()) == Object) {
      ObjectPointee[VD] = Object;
      return true;
    }
  // `std::make_shared<Agent>(...)`: a new object the pointer owns. Its
  // constructor is not applied (make_shared calls it, out of sight): its
  // fields hold new storages of their own, new each time (a loop's next
  // object shares nothing with the previous one's).
  if (const auto *Call = dyn_cast<CallExpr>(Source);
      Smart && Call && (isStdCall(Call, "make_shared") || isStdCall(Call, "make_unique"))) {
    consumeAll(ArrayRef(Call->getArgs(), Call->getNumArgs()));
    ObjectPointee[VD] = VD;
    OwnedObjectBases.insert(VD);
    for (const FieldDecl *Field : RD->fields())
      if (isHolderType(Field->getType()) && !Field->getType()->isReferenceType()) {
        GenValue V;
        V.Id = newValue();
        emit<FreshFact>(V.Id, Call, Out.Alloc.Allocate<char>());
        bind(objectField(VD, Field), V, VD->getLocation(), VD);
      }
    return true;
  }
  return false;
}

std::unique_ptr<FunctionFacts> generateFacts(const FunctionDecl &FD, ASTContext &Ctx,
                                             const ApiModel &Model, const SummaryMap &Summaries) {
  const Stmt *Body = FD.getBody();
  if (!Body)
    return nullptr;
  CFG::BuildOptions Options;
  Options.AddInitializers = true;
  Options.AddLifetime = true;
  std::unique_ptr<CFG> G = CFG::buildCFG(&FD, const_cast<Stmt *>(Body), &Ctx, Options);
  if (!G)
    return nullptr;
  auto Facts = std::make_unique<FunctionFacts>(FD, std::move(G));
  FactGenerator(*Facts, Ctx, Model, Summaries).run();
  return Facts;
}

} // namespace aliasguard
