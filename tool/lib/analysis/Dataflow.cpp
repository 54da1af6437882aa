//===- analysis/Dataflow.cpp - the transfer and the fixpoint driver -------===//
#include "analysis/Dataflow.h"

#include "aliasguard/ApiModel.h"

#include "clang/AST/DeclCXX.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"

using namespace clang;
using namespace llvm;

namespace aliasguard {

// --- Transfer -------------------------------------------------------------------

void Transfer::startElement(const ElementFacts &E) {
  if (Values.size() < E.NumValues)
    Values.resize(E.NumValues);
  for (unsigned I = 0; I < E.NumValues; ++I)
    Values[I].clear();
}

ProvId Transfer::intern(const ProvSpec &Spec) {
  const TypeModel *SourceType = Spec.FixSource ? Model.typeOf(Spec.FixSource->getType()) : nullptr;
  // A copy of a field no expression names (`State s2 = s1;` copies s1.h):
  // the field's type says what `.clone()` would be.
  if (!Spec.FixSource && Spec.Kind == ProvKind::Copy && Spec.Source != NoId)
    if (const clang::FieldDecl *Field = T.handle(Spec.Source).Field)
      SourceType = Model.typeOf(Field->getType());
  return T.provFor(Spec, SourceType);
}

ProvId Transfer::originProv() { return intern(ProvSpec()); }

StorageId Transfer::fresh(const void *Site, State &S, bool InCycle) {
  StorageId New = T.storageFor(Site, false, StorageKind::Fresh);
  // A creation site inside a loop makes a new storage each iteration: the
  // previous iteration's one becomes "old" so the two do not alias.
  if (InCycle) {
    StorageId Old = T.storageFor(Site, true, StorageKind::Fresh);
    SmallVector<PtsFact, 4> Moved;
    for (auto [St, H] : S.holdersOf(New))
      Moved.push_back({H, St, S.provOf(H, St)});
    for (const PtsFact &F : Moved) {
      S.Pts.erase(F);
      S.ByStorage.erase({F.S, F.H});
      S.add(F.H, Old, F.P);
    }
    SmallVector<StaleFact, 4> StaleMoved;
    for (const StaleFact &F : S.Stale)
      if (F.S == New)
        StaleMoved.push_back(F);
    for (const StaleFact &F : StaleMoved) {
      S.Stale.erase(F);
      S.Stale.insert({F.Reader, Old, F.C});
    }
  }
  return New;
}

/// Non-local handles (fields, globals, a lambda's captures) get their own
/// storage when first used: nothing in this function aliases it yet.
void Transfer::ensureInitial(HandleId H, State &S) {
  if (!S.factsOf(H).empty())
    return;
  const HandleInfo &Info = T.handle(H);
  const auto *VD = dyn_cast_or_null<VarDecl>(Info.Base);
  // An init-capture (`[t = x]`) is declared in the call operator but holds
  // what the enclosing function gave the closure.
  bool NonLocal =
      Info.Field || !Info.Base ||
      (VD && (!VD->isLocalVarDeclOrParm() || VD->isInitCapture() ||
              VD->getDeclContext() != static_cast<const DeclContext *>(&Facts.function())));
  if (NonLocal)
    S.add(H, T.storageFor(&Info, false, StorageKind::Initial, H), originProv());
}

void Transfer::bind(const BindFact &F, State &S) {
  HandleId H = F.H;
  const CXXMemberCallExpr *Inplace = F.InplaceCall;
  auto InplaceSpec = [&] {
    ProvSpec Spec;
    Spec.Kind = ProvKind::InplaceResult;
    Spec.Site = Inplace;
    Spec.Source = F.InplaceRoot;
    Spec.Loc = Inplace->getExprLoc();
    Spec.Op = Inplace->getMethodDecl()->getName();
    return Spec;
  };
  SmallVector<PtsFact, 4> New;
  // `a = a1` where a1 holds data a write it did not see changed: a now
  // holds that data too. The candidate keeps a1 for the story.
  // A copy of one element (`e = v[i]`, `kv.value()` in a loop) inherits
  // nothing: which element the container missed a write of is not known.
  SmallVector<StaleFact, 2> Inherited;
  for (const ValueFact &VF : value(F.Src)) {
    if (VF.From != NoId && VF.From != H && !Inplace && !VF.FromElement)
      for (const StaleFact &SF : S.staleOf(VF.From)) {
        if (SF.S != VF.S)
          continue;
        Candidate C = T.candidate(SF.C);
        // `auto y = x.mul_(2); auto x2 = x;` copies x's new value on purpose.
        if (C.SelfBound)
          continue;
        if (C.StaleVia == NoId) {
          C.StaleVia = VF.From;
          C.StaleViaLoc = F.getLoc();
        }
        Inherited.push_back({H, SF.S, T.candidateFor(C)});
      }
    ProvId P = VF.P;
    if (Inplace) {
      P = intern(InplaceSpec());
    } else if (VF.From != NoId && VF.From != H) {
      ProvSpec Copy;
      Copy.Kind = ProvKind::Copy;
      Copy.Site = F.Site;
      Copy.Source = VF.From;
      Copy.Loc = F.getLoc();
      Copy.FixSource = VF.FromExpr;
      Copy.OfElement = VF.FromElement;
      P = intern(Copy);
    }
    // `b = b.view(...)`: b keeps the story of how it got the storage.
    if (P != NoId && T.prov(P).Source == H)
      if (ProvId Old = S.provOf(H, VF.S); Old != NoId)
        P = Old;
    New.push_back({H, VF.S, P});
  }
  S.kill(H);
  for (const PtsFact &PF : New)
    S.add(PF.H, PF.S, PF.P);
  S.Stale.insert(Inherited.begin(), Inherited.end());
  // `auto y = x.mul_(2)`: the user expects y to be new and x unchanged.
  if (Inplace) {
    Candidate C;
    C.Write = Inplace;
    C.Writer = F.InplaceRoot;
    C.WriterProv = intern(InplaceSpec());
    C.SelfBound = true;
    C.Holder = H;
    C.WriteOp = Inplace->getMethodDecl()->getName().str();
    CandId Id = T.candidateFor(C);
    T.candidate(Id).BoundLoc = F.getLoc();
    for (const PtsFact &PF : S.factsOf(F.InplaceRoot))
      S.Stale.insert({F.InplaceRoot, PF.S, Id});
  }
}

void Transfer::write(const WriteFact &F, State &S) {
  HandleId Writer = F.Writer;
  Candidate OfThisWrite;
  OfThisWrite.Write = F.Site;
  OfThisWrite.Writer = Writer;
  OfThisWrite.WriteOp = F.Op.str();
  OfThisWrite.BufferCall = F.BufferCall;
  SmallVector<StorageId, 2> Written;
  for (const ValueFact &VF : value(F.Target)) {
    if (is_contained(Written, VF.S))
      continue;
    Written.push_back(VF.S);
    ProvId WriterProv = Writer != NoId ? S.provOf(Writer, VF.S) : VF.P;
    // The parts written: a temporary view's (`x.narrow(0, 0, 2).add_(1)`,
    // `model->fc->weight.add_(1)`), else each the writer holds.
    SmallVector<ProvId, 2> WrittenParts;
    if (VF.P != NoId && (T.prov(VF.P).Range || !T.prov(VF.P).Members.empty()))
      WrittenParts.push_back(VF.P);
    else if (Writer != NoId)
      WrittenParts.append(S.provsOf(Writer, VF.S).begin(), S.provsOf(Writer, VF.S).end());
    else
      WrittenParts.push_back(VF.P);
    SmallVector<std::pair<HandleId, ProvId>, 4> Readers;
    for (auto [St, H] : S.holdersOf(VF.S))
      if (H != Writer)
        Readers.push_back({H, S.provOf(H, St)});
    for (auto [H, ReaderProv] : Readers) {
      // Two handles that both own a storage without a recorded alias event
      // between them are no story.
      if (!T.isAliasEvent(WriterProv) && !T.isAliasEvent(ReaderProv))
        continue;
      // No stale read when every way the reader holds the storage is a part
      // disjoint from every part written.
      if (all_of(S.provsOf(H, VF.S), [&](ProvId R) {
            return all_of(WrittenParts, [&](ProvId W) { return disjointViews(W, R); });
          }))
        continue;
      Candidate C = OfThisWrite;
      C.WriterProv = WriterProv;
      C.ReaderProv = ReaderProv;
      S.Stale.insert({H, VF.S, T.candidateFor(C)});
    }
  }
  if (Writer == NoId)
    return;
  // A callee wrote the caller's handle through a parameter taken by value or
  // const reference: the handle itself does not expect the change.
  if (F.Unexpected) {
    Candidate C = OfThisWrite;
    C.CalleeParam = F.Unexpected;
    C.CalleeWriteLoc = F.CalleeWriteLoc;
    CandId Id = T.candidateFor(C);
    for (StorageId St : Written)
      if (S.holds(Writer, St))
        S.Stale.insert({Writer, St, Id});
    return;
  }
  // The writer now knows its data changed: its own pending reads are moot.
  S.dropStale(Writer);
}

bool Transfer::disjointViews(ProvId A, ProvId B) const {
  if (A == NoId || B == NoId)
    return false;
  const ProvInfo &PA = T.prov(A), &PB = T.prov(B);
  // Two elements of the aggregate one call returned, each a view of the same
  // argument (`auto [lo, hi] = split(x);`): the callee may return disjoint
  // parts (`narrow`), which its summary cannot tell; no overlap is claimed.
  if (A == B && PA.Kind == ProvKind::ReturnsParamView)
    return true;
  if (PA.Source == NoId || PA.Source != PB.Source)
    return false;
  // Views of one handle (`lo = x.narrow(0, 0, 2)`, `hi = x.narrow(0, 2, 2)`)
  // that keep provably different elements of one dimension.
  if (PA.Kind == ProvKind::View && PB.Kind == ProvKind::View && PA.Range && PB.Range &&
      disjointRanges(*PA.Range, *PB.Range, Facts.function().getASTContext()))
    return true;
  // Different members of one module (`model->fc->parameters()` and
  // `model->weight`, `model->fc->weight` and `model->fc->bias`); one member
  // and a member of it (`model->fc` and `model->fc->weight`) overlap.
  auto IsView = [](ProvKind K) { return K == ProvKind::View || K == ProvKind::MayView; };
  if (!IsView(PA.Kind) || !IsView(PB.Kind) || PA.Members.empty() || PB.Members.empty())
    return false;
  size_t Common = std::min(PA.Members.size(), PB.Members.size());
  return !std::equal(PA.Members.begin(), PA.Members.begin() + Common, PB.Members.begin());
}

void Transfer::metadataWrite(const MetadataWriteFact &F, State &S) {
  // Only a handle copy shares the TensorImpl whose sizes changed: a holder
  // that copied the writer's handle, or whose handle the writer copied. Views
  // have TensorImpls of their own, and the data is unchanged, so nobody's
  // pending stale reads are settled either.
  auto SharesImpl = [&](ProvId P, HandleId Other) {
    if (P == NoId)
      return false;
    const ProvInfo &PI = T.prov(P);
    return (PI.Kind == ProvKind::Copy || PI.Kind == ProvKind::ReturnsParam) && !PI.OfElement &&
           PI.Source == Other;
  };
  SmallVector<StaleFact, 4> New;
  for (const PtsFact &WF : S.factsOf(F.H))
    for (auto [St, H] : S.holdersOf(WF.S)) {
      if (H == F.H)
        continue;
      ProvId ReaderProv = S.provOf(H, St);
      if (!SharesImpl(ReaderProv, F.H) && !SharesImpl(WF.P, H))
        continue;
      Candidate C;
      C.Write = F.Site;
      C.Writer = F.H;
      C.WriteOp = F.Op.str();
      C.WriterProv = WF.P;
      C.ReaderProv = ReaderProv;
      C.MetadataOnly = true;
      New.push_back({H, St, T.candidateFor(C)});
    }
  S.Stale.insert(New.begin(), New.end());
}

void Transfer::apply(const Fact &F, State &S, bool InCycle) {
  switch (F.getKind()) {
  case Fact::Kind::Param: {
    const auto &P = cast<ParamFact>(F);
    S.add(P.H, T.storageFor(P.PD, false, StorageKind::Param, P.Index), originProv());
    return;
  }
  case Fact::Kind::Load: {
    const auto &L = cast<LoadFact>(F);
    if (L.Buffer && S.factsOf(L.H).empty())
      S.add(L.H, T.storageFor(&T.handle(L.H), false, StorageKind::Buffer), originProv());
    ensureInitial(L.H, S);
    for (const PtsFact &PF : S.factsOf(L.H))
      Values[L.Dst].push_back({PF.S, PF.P, L.H, L.E});
    return;
  }
  case Fact::Kind::Fresh: {
    const auto &Fr = cast<FreshFact>(F);
    StorageId St = fresh(Fr.Key, S, InCycle);
    Values[Fr.Dst].push_back({St, originProv()});
    return;
  }
  case Fact::Kind::Derive: {
    const auto &D = cast<DeriveFact>(F);
    ProvId P = intern(D.Spec);
    for (const ValueFact &VF : value(D.Src))
      Values[D.Dst].push_back({VF.S, P});
    return;
  }
  case Fact::Kind::Pass: {
    const auto &P = cast<PassFact>(F);
    for (const ValueFact &VF : value(P.Src)) {
      ValueFact Out = P.KeepSource ? VF : ValueFact{VF.S, VF.P};
      if (P.Element && Out.From != NoId) {
        Out.FromExpr = P.Element;
        Out.FromElement = true;
      }
      Values[P.Dst].push_back(Out);
    }
    return;
  }
  case Fact::Kind::StoreElement: {
    const auto &E = cast<StoreElementFact>(F);
    for (const ValueFact &VF : value(E.Src)) {
      ProvId P = VF.P;
      if (VF.From != NoId) {
        ProvSpec Spec;
        Spec.Kind = ProvKind::Container;
        Spec.Site = E.Site;
        Spec.Source = VF.From;
        Spec.Loc = E.getLoc();
        Spec.Op = E.Op;
        P = intern(Spec);
      }
      Values[E.Dst].push_back({VF.S, P});
    }
    return;
  }
  case Fact::Kind::AddTo: {
    const auto &A = cast<AddToFact>(F);
    for (const ValueFact &VF : value(A.Src))
      S.add(A.H, VF.S, VF.P);
    return;
  }
  case Fact::Kind::Bind:
    return bind(cast<BindFact>(F), S);
  case Fact::Kind::Write:
    return write(cast<WriteFact>(F), S);
  case Fact::Kind::MetadataWrite:
    return metadataWrite(cast<MetadataWriteFact>(F), S);
  case Fact::Kind::Kill:
    S.kill(cast<KillFact>(F).H);
    return;
  case Fact::Kind::Read:
  case Fact::Kind::Return:
  case Fact::Kind::TestPoint:
    return; // observed by the report stages, no effect on the state
  }
  llvm_unreachable("unknown fact");
}

// --- Driver ---------------------------------------------------------------------

void FunctionAnalysis::runBlock(const BlockFacts &B, State &S, Transfer &Tr) {
  for (const ElementFacts &E : B.Elements) {
    Tr.startElement(E);
    for (const Fact *F : Facts.facts(E))
      Tr.apply(*F, S, B.InCycle);
  }
}

void FunctionAnalysis::run() {
  const CFG &G = Facts.cfg();
  In.assign(G.getNumBlockIDs(), std::nullopt);
  Transfer Tr(Facts, Model);
  State Entry;
  Tr.startElement(Facts.entry());
  for (const Fact *F : Facts.facts(Facts.entry()))
    Tr.apply(*F, Entry, /*InCycle=*/false);
  In[G.getEntry().getBlockID()] = std::move(Entry);

  // Forward may-analysis: a block's in-state is the union of its
  // predecessors' out-states (a bug on some path is a bug; rebinding on all
  // paths ends it). Joins only grow and the facts are triples over the
  // function's finite tables, so the worklist empties.
  ForwardDataflowWorklist Worklist(G, &Facts.postOrder());
  Worklist.enqueueBlock(&G.getEntry());
  while (const CFGBlock *B = Worklist.dequeue()) {
    State S = *In[B->getBlockID()];
    runBlock(Facts.block(*B), S, Tr);
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
        Worklist.enqueueBlock(Succ);
    }
  }
}

void FunctionAnalysis::forEachPoint(
    function_ref<void(const Fact &, const State &, const Transfer &)> Visit) {
  Transfer Tr(Facts, Model);
  for (const CFGBlock *B : Facts.order()) {
    const std::optional<State> &BlockIn = In[B->getBlockID()];
    if (!BlockIn)
      continue;
    State S = *BlockIn;
    const BlockFacts &BF = Facts.block(*B);
    for (const ElementFacts &E : BF.Elements) {
      Tr.startElement(E);
      for (const Fact *F : Facts.facts(E)) {
        Visit(*F, S, Tr);
        Tr.apply(*F, S, BF.InCycle);
      }
    }
  }
}

} // namespace aliasguard
