//===- analysis/Dataflow.h - facts to a fixpoint, and queries -*- C++ -*-===//
//
// A forward may-analysis over the facts of one function: the transfer of
// each fact (Transfer), a driver that runs clang's ForwardDataflowWorklist
// to the fixpoint (FunctionAnalysis::run), and queries of the state at any
// fact once it is reached (forEachPoint). Nothing here reports: the report
// stages (report/) read the fixed states through forEachPoint.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/Facts.h"

#include "llvm/ADT/STLExtras.h"

#include <optional>
#include <vector>

namespace aliasguard {

class ApiModel;

/// One storage a value holds, with how it holds it and, when the value came
/// straight from a named handle, which (the source of a copy).
struct ValueFact {
  StorageId S;
  ProvId P;
  HandleId From = NoId;
  const clang::Expr *FromExpr = nullptr;
  /// From is a container and FromExpr names one of its elements (`v[0]`).
  bool FromElement = false;
};

/// The transfer function: what one fact does to the state.
class Transfer {
public:
  Transfer(FunctionFacts &Facts, const ApiModel &Model)
      : Facts(Facts), T(Facts.tables()), Model(Model) {}

  /// Starts an element: its values are empty.
  void startElement(const ElementFacts &E);
  void apply(const Fact &F, State &S, bool InCycle);

  /// The storages value \p V holds (within the current element).
  llvm::ArrayRef<ValueFact> value(ValueId V) const {
    return V == NoId ? llvm::ArrayRef<ValueFact>() : llvm::ArrayRef(Values[V]);
  }

private:
  ProvId originProv();
  ProvId intern(const ProvSpec &Spec);
  StorageId fresh(const void *Site, State &S, bool InCycle);
  void ensureInitial(HandleId H, State &S);
  void bind(const BindFact &F, State &S);
  void write(const WriteFact &F, State &S);
  void metadataWrite(const MetadataWriteFact &F, State &S);
  /// Two ways of holding one storage that share no element: views of one
  /// handle keeping disjoint ranges or different module members.
  bool disjointViews(ProvId A, ProvId B) const;

  FunctionFacts &Facts;
  Tables &T;
  const ApiModel &Model;
  std::vector<llvm::SmallVector<ValueFact, 2>> Values;
};

/// The dataflow of one function over its facts.
class FunctionAnalysis {
public:
  FunctionAnalysis(FunctionFacts &Facts, const ApiModel &Model) : Facts(Facts), Model(Model) {}

  /// Runs the worklist to the fixpoint: afterwards each reachable block has
  /// its in-state (the union of its predecessors' out-states).
  void run();

  /// Calls \p Visit for every fact of every reachable block, in order, with
  /// the state just before the fact and the transfer (for the values of the
  /// fact's element). Only after run().
  void forEachPoint(llvm::function_ref<void(const Fact &, const State &, const Transfer &)> Visit);

  FunctionFacts &facts() const { return Facts; }
  const ApiModel &model() const { return Model; }
  /// The in-state of \p B after run(); null if B is unreachable.
  const State *entryState(const clang::CFGBlock &B) const {
    const std::optional<State> &S = In[B.getBlockID()];
    return S ? &*S : nullptr;
  }

private:
  void runBlock(const BlockFacts &B, State &S, Transfer &Tr);

  FunctionFacts &Facts;
  const ApiModel &Model;
  std::vector<std::optional<State>> In;
};

} // namespace aliasguard
