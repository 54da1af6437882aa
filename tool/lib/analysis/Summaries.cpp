//===- analysis/Summaries.cpp - summaries and their bottom-up order -------===//
#include "analysis/Summaries.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CallGraph.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SCCIterator.h"

using namespace clang;
using namespace llvm;

namespace aliasguard {

const FunctionDecl *SummaryMap::summarised(const FunctionDecl *FD) const {
  if (!FD)
    return nullptr;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def)
    return nullptr;
  if (Ctx.getSourceManager().isInSystemHeader(Def->getLocation()) || Def->isDependentContext())
    return nullptr;
  return Def;
}

const FunctionSummary *SummaryMap::lookup(const FunctionDecl *FD) const {
  const FunctionDecl *Def = summarised(FD);
  if (!Def)
    return nullptr;
  auto It = Done.find(Def);
  return It == Done.end() ? nullptr : It->second.get();
}

bool SummaryMap::store(const FunctionDecl *Def, FunctionSummary S) {
  std::unique_ptr<FunctionSummary> &Slot = Done[Def];
  if (Slot && *Slot == S)
    return false;
  // Boxed: callers hold summaries while facts of other functions are made.
  Slot = std::make_unique<FunctionSummary>(std::move(S));
  return true;
}

bool isWritePurpose(const FunctionDecl &FD, const ParmVarDecl &PD, const LibraryModel &Lib) {
  // Writing the caller's tensor is the contract of a `Tensor&` parameter and
  // of a function named like `scale_`.
  if (FD.getIdentifier() && Lib.isInPlaceFunctionName(FD.getName()))
    return true;
  QualType T = PD.getType();
  if (T->isReferenceType())
    return !T.getNonReferenceType().isConstQualified();
  // A `void` function that writes a parameter taken by value has no other
  // way to give its result: updating the argument is what it is for
  // (`void center_to_corner(Tensor boxes)`).
  return FD.getReturnType()->isVoidType();
}

/// The lambdas written directly in \p Body (not those inside them).
static SmallVector<const LambdaExpr *, 2> lambdasIn(const Stmt *Body) {
  SmallVector<const LambdaExpr *, 2> Found;
  auto Visit = [&](const Stmt *S, auto &Self) -> void {
    if (!S)
      return;
    if (const auto *L = dyn_cast<LambdaExpr>(S)) {
      Found.push_back(L);
      return;
    }
    for (const Stmt *C : S->children())
      Self(C, Self);
  };
  Visit(Body, Visit);
  return Found;
}

bool isDatasetTransformMethod(const FunctionDecl &FD, const LibraryModel &Lib) {
  const auto *MD = dyn_cast<CXXMethodDecl>(&FD);
  if (!MD || Lib.DatasetTransformBases.empty() || MD->isStatic() ||
      !Lib.DatasetTransformMethods.contains(MD->getDeclName().getAsString()))
    return false;
  const CXXRecordDecl *RD = MD->getParent();
  return RD && derivesFromAny(*RD, Lib.DatasetTransformBases);
}

std::vector<CallCycle> bottomUpOrder(ArrayRef<const FunctionDecl *> Roots, const SummaryMap &Map,
                                     DenseSet<const FunctionDecl *> *Called) {
  // Only what the roots reach: a call graph of the whole translation unit
  // would walk every inline function of every header.
  CallGraph Graph;
  DenseSet<const FunctionDecl *> Added;
  SmallVector<const FunctionDecl *, 16> Work;
  auto Add = [&](const FunctionDecl *Def) {
    if (Def && Added.insert(Def).second)
      Work.push_back(Def);
  };
  for (const FunctionDecl *FD : Roots)
    Add(FD);
  while (!Work.empty()) {
    const FunctionDecl *Def = Work.pop_back_val();
    Graph.addToCallGraph(const_cast<FunctionDecl *>(Def));
    CallGraphNode *Node = Graph.getNode(Def->getCanonicalDecl());
    if (!Node)
      continue;
    // A lambda defined here may be called through a `std::function`, which
    // the graph does not see: its summary is needed first all the same.
    for (const LambdaExpr *L : lambdasIn(Def->getBody()))
      if (const FunctionDecl *Op = Map.summarised(L->getCallOperator()))
        Node->addCallee({Graph.getOrInsertNode(const_cast<FunctionDecl *>(Op->getCanonicalDecl())),
                         const_cast<LambdaExpr *>(L)});
    for (const CallGraphNode::CallRecord &Call : *Node)
      if (const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call.Callee->getDecl()))
        Add(Map.summarised(Callee));
  }

  if (Called)
    for (const FunctionDecl *Root : Roots)
      if (CallGraphNode *Node = Graph.getNode(Root->getCanonicalDecl()))
        for (const CallGraphNode::CallRecord &Call : *Node)
          if (const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call.Callee->getDecl()))
            Called->insert(Callee->getCanonicalDecl());

  DenseSet<const FunctionDecl *> Wanted;
  for (const FunctionDecl *Def : Added)
    Wanted.insert(Def->getCanonicalDecl());
  std::vector<CallCycle> Order;
  for (auto SCC = scc_begin(&Graph); !SCC.isAtEnd(); ++SCC) {
    CallCycle Component;
    for (CallGraphNode *Node : *SCC) {
      const auto *FD = dyn_cast_or_null<FunctionDecl>(Node->getDecl());
      if (FD && Wanted.count(FD))
        if (const FunctionDecl *Def = Map.summarised(FD))
          Component.Functions.push_back(Def);
    }
    Component.Recursive = SCC.hasCycle();
    if (!Component.Functions.empty())
      Order.push_back(std::move(Component));
  }
  return Order;
}

} // namespace aliasguard
