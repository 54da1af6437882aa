//===- report/Events.cpp - summaries and raw events from the fixed states -===//
#include "report/Events.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace llvm;

namespace aliasguard {

/// A parameter returned (\p RK at \p Loc) where it may already have been:
/// the parameter itself (a definite alias of the argument) outranks a view
/// of it; among equals, the first return in program order.
static void rankReturn(ReturnKind &Returned, SourceLocation &ReturnLoc, ReturnKind RK,
                       SourceLocation Loc) {
  if (Returned == ReturnKind::None || (Returned == ReturnKind::View && RK == ReturnKind::Same)) {
    Returned = RK;
    ReturnLoc = Loc;
  }
}

FunctionOutcome collectOutcome(FunctionAnalysis &A, bool WantEvents) {
  FunctionFacts &Facts = A.facts();
  const Tables &T = Facts.tables();
  FunctionOutcome Out;
  Out.Summary.Params.resize(Facts.function().getNumParams());
  // A lambda's captures: their storages are the Initial ones of their
  // handles here, and what happens to those happens, when the closure is
  // called, to the enclosing function's variables (by reference) or to the
  // storages the closure's copies share with them (by copy).
  DenseMap<HandleId, unsigned> CaptureIndex;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(&Facts.function());
      MD && MD->getParent()->isLambda())
    for (const LambdaCapture &C : MD->getParent()->captures())
      if (C.capturesVariable())
        if (const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar()))
          if (HandleId H = T.findHandle(VD, nullptr); H != NoId) {
            CaptureIndex[H] = Out.Summary.Captures.size();
            CaptureEffect E;
            E.Var = VD;
            E.ByCopy = C.getCaptureKind() == LCK_ByCopy;
            Out.Summary.Captures.push_back(E);
          }
  // A member function's fields of `*this`: their Initial storages, too.
  const auto *Method = dyn_cast<CXXMethodDecl>(&Facts.function());
  bool HasObject = Method && Method->isInstance() && !Method->getParent()->isLambda();
  DenseMap<const FieldDecl *, unsigned> FieldIndex;
  auto FieldEffectOf = [&](const FieldDecl *FD) -> FieldEffect & {
    auto [It, Inserted] = FieldIndex.try_emplace(FD, Out.Summary.Fields.size());
    if (Inserted) {
      FieldEffect E;
      E.Field = FD;
      Out.Summary.Fields.push_back(E);
    }
    return Out.Summary.Fields[It->second];
  };
  auto ThisField = [&](HandleId H) -> const FieldDecl * {
    if (H == NoId || !HasObject)
      return nullptr;
    const HandleInfo &Info = T.handle(H);
    return Info.Base ? nullptr : Info.Field;
  };
  // The module `*this` (`parameters()` in a module's method).
  auto IsThisModule = [&](HandleId H) {
    return H != NoId && HasObject && !T.handle(H).Base && !T.handle(H).Field;
  };
  auto FieldOf = [&](StorageId St) -> FieldEffect * {
    const FieldDecl *FD = ThisField(T.initialHolder(St));
    return FD ? &FieldEffectOf(FD) : nullptr;
  };
  auto CaptureOf = [&](StorageId St) -> CaptureEffect * {
    // (NoId is DenseMap's empty key: never looked up.)
    HandleId H = T.initialHolder(St);
    if (H == NoId)
      return nullptr;
    auto It = CaptureIndex.find(H);
    return It == CaptureIndex.end() ? nullptr : &Out.Summary.Captures[It->second];
  };
  const ApiModel &Model = A.model();
  // A module or optimizer object (ApiModel::isModuleType, isOptimizerType):
  // its parameters are meant to change in place.
  auto IsLibraryObject = [&](QualType Type) {
    return Model.isModuleType(Type) || Model.isOptimizerType(Type);
  };
  auto TypeOf = [&](HandleId H) {
    const HandleInfo &Info = T.handle(H);
    return Info.Field ? Info.Field->getType() : (Info.Base ? Info.Base->getType() : QualType());
  };

  // Which reads and which alias events (by site) run inside a CFG cycle:
  // a parameter handle taken before the training loop and read in it is a
  // live alias of the parameter, not a snapshot.
  DenseMap<const Fact *, bool> InCycle;
  DenseMap<const void *, bool> SiteInCycle;
  for (const CFGBlock *B : Facts.order()) {
    const BlockFacts &BF = Facts.block(*B);
    for (const ElementFacts &EF : BF.Elements)
      for (const Fact *F : Facts.facts(EF)) {
        if (isa<ReadFact>(F))
          InCycle[F] = BF.InCycle;
        else if (const auto *D = dyn_cast<DeriveFact>(F))
          SiteInCycle[D->Spec.Site] |= BF.InCycle;
        else if (const auto *Bind = dyn_cast<BindFact>(F))
          SiteInCycle[Bind->Site] |= BF.InCycle;
      }
  }
  // `auto best = model->weight; ... opt.step(); use(best)`: a write through
  // a module or optimizer handle (a step, a callee's step or training) is a
  // story only for a reader that holds the parameter through an alias event
  // (a snapshot: not the parameter's owner), that is not the list the
  // optimizer was built from, and that is no live alias of the parameter
  // taken before the loop that both writes and reads it.
  auto IsOptimizerWrite = [&](const Candidate &C) {
    return Model.isOptimizerWrite(C.Write) ||
           (C.Writer != NoId && Model.isOptimizerType(TypeOf(C.Writer)));
  };
  auto IsSnapshotRead = [&](const ReadFact &R, const Candidate &C) {
    if (!T.isAliasEvent(C.ReaderProv))
      return false;
    // A closure capturing the module (an LBFGS closure) is no snapshot.
    QualType Type = TypeOf(R.H);
    if (const CXXRecordDecl *RD = Type.isNull() ? nullptr : Type->getAsCXXRecordDecl();
        RD && RD->isLambda())
      return false;
    if (C.WriterProv != NoId && T.prov(C.WriterProv).Source == R.H)
      return false;
    return !InCycle.lookup(&R) || SiteInCycle.lookup(T.prov(C.ReaderProv).Site);
  };

  // `memcpy(buf, src, n)` then a read of `t = torch::from_blob(buf, ...)`:
  // a story only for a tensor holding the buffer as a view, and not for the
  // staging idiom - a tensor made over the buffer before the loop that
  // refills the buffer and reads the tensor (the read in a CFG cycle, the
  // view taken outside any).
  auto IsBufferViewRead = [&](const ReadFact &R, const Candidate &C) {
    if (!Model.typeOf(TypeOf(R.H)) || C.ReaderProv == NoId ||
        T.prov(C.ReaderProv).Kind != ProvKind::View)
      return false;
    return !InCycle.lookup(&R) || SiteInCycle.lookup(T.prov(C.ReaderProv).Site);
  };

  // `re = v[0]; re += v[i];`: reading an element of the container sees a
  // write through a copy of one element only when it is that element (the
  // same expression); another index is no proven stale read.
  const ASTContext &Ctx = Facts.function().getASTContext();
  auto SameElement = [&](const Expr &Read, const Candidate &C) {
    auto Same = [&](const Expr *A, const Expr *B) {
      llvm::FoldingSetNodeID IA, IB;
      A->IgnoreParenImpCasts()->Profile(IA, Ctx, /*Canonical=*/true);
      B->IgnoreParenImpCasts()->Profile(IB, Ctx, /*Canonical=*/true);
      return IA == IB;
    };
    for (ProvId P : {C.WriterProv, C.ReaderProv})
      if (P != NoId && T.prov(P).OfElement && T.prov(P).FixSource &&
          !Same(&Read, T.prov(P).FixSource))
        return false;
    return true;
  };

  // `y = x.mul_(2)`: the in-place results bound to a name that is read.
  DenseSet<ProvId> ReadResults;
  A.forEachPoint([&](const Fact &F, const State &S, const Transfer &Tr) {
    if (const auto *W = dyn_cast<WriteFact>(&F)) {
      SmallVector<StorageId, 2> Written;
      for (const ValueFact &VF : Tr.value(W->Target)) {
        if (is_contained(Written, VF.S))
          continue;
        Written.push_back(VF.S);
        if (CaptureEffect *C = CaptureOf(VF.S)) {
          if (!C->Written)
            C->WriteLoc = W->Site->getExprLoc();
          C->Written = true;
          continue;
        }
        if (FieldEffect *FE = FieldOf(VF.S)) {
          if (!FE->Written)
            FE->WriteLoc = W->Site->getExprLoc();
          FE->Written = true;
          continue;
        }
        if (IsThisModule(T.initialHolder(VF.S))) {
          if (!Out.Summary.OwnParametersWritten)
            Out.Summary.OwnParametersWriteLoc = W->Site->getExprLoc();
          Out.Summary.OwnParametersWritten = true;
          continue;
        }
        const StorageInfo &SI = T.storage(VF.S);
        if (SI.Kind != StorageKind::Param)
          continue;
        InputEffect &P = Out.Summary.Params[SI.ParamIndex];
        if (!P.Written)
          P.WriteLoc = W->Site->getExprLoc();
        P.Written = true;
        // A callee's write of its parameter is the callee's event. A
        // module's or optimizer's parameters are there to be trained.
        if (WantEvents && !W->ViaCallee &&
            !IsLibraryObject(Facts.function().getParamDecl(SI.ParamIndex)->getType())) {
          RawEvent E;
          E.EventKind = RawEvent::Kind::ParamWrite;
          E.ParamIndex = SI.ParamIndex;
          E.WriteSite = W->Site;
          E.Writer = W->Writer;
          E.Op = W->Op;
          E.MayAlias = VF.P != NoId && T.prov(VF.P).Kind == ProvKind::MayView;
          Out.Events.push_back(E);
        }
      }
      return;
    }
    if (const auto *B = dyn_cast<BindFact>(&F)) {
      if (const FieldDecl *FD = ThisField(B->H))
        for (const ValueFact &VF : Tr.value(B->Src))
          if (T.storage(VF.S).Kind == StorageKind::Param)
            FieldEffectOf(FD).BoundParam = T.storage(VF.S).ParamIndex;
      return;
    }
    if (const auto *R = dyn_cast<ReturnFact>(&F); R && R->Element != NoId) {
      // An element of a returned aggregate: which parameter it holds, as
      // for a returned tensor (the parameter itself outranks a view of it).
      for (const ValueFact &VF : Tr.value(R->V)) {
        const StorageInfo &SI = T.storage(VF.S);
        if (SI.Kind != StorageKind::Param)
          continue;
        ReturnKind RK = R->ReturnsHandleItself ? ReturnKind::Same : ReturnKind::View;
        auto It = find_if(Out.Summary.Elements, [&](const ElementReturn &ER) {
          return ER.Element == R->Element && ER.Param == SI.ParamIndex;
        });
        if (It == Out.Summary.Elements.end())
          It = Out.Summary.Elements.insert(It, {R->Element, SI.ParamIndex});
        rankReturn(It->Returned, It->ReturnLoc, RK, R->RS->getBeginLoc());
      }
      return;
    }
    if (const auto *R = dyn_cast<ReturnFact>(&F)) {
      for (const ValueFact &VF : Tr.value(R->V))
        if (FieldEffect *FE = FieldOf(VF.S)) {
          // `return weight_[c];` hands out a view; `return state_;` the handle.
          bool View = VF.P != NoId && (T.prov(VF.P).Kind == ProvKind::View ||
                                       T.prov(VF.P).Kind == ProvKind::MayView ||
                                       T.prov(VF.P).Kind == ProvKind::ReturnsParamView);
          if (FE->Returned == ReturnKind::None || !View)
            FE->Returned = View ? ReturnKind::View : ReturnKind::Same;
        }
      for (const ValueFact &VF : Tr.value(R->V)) {
        const StorageInfo &SI = T.storage(VF.S);
        if (SI.Kind != StorageKind::Param)
          continue;
        InputEffect &P = Out.Summary.Params[SI.ParamIndex];
        rankReturn(P.Returned, P.ReturnLoc,
                   R->ReturnsHandleItself ? ReturnKind::Same : ReturnKind::View,
                   R->RS->getBeginLoc());
      }
      return;
    }
    if (const auto *R = dyn_cast<ReadFact>(&F);
        R && !R->ShapeOnly && (!CaptureIndex.empty() || HasObject))
      for (const PtsFact &PF : S.factsOf(R->H)) {
        if (CaptureEffect *C = CaptureOf(PF.S))
          C->Read = true;
        if (FieldEffect *FE = FieldOf(PF.S))
          FE->Read = true;
      }
    if (const auto *R = dyn_cast<ReadFact>(&F); R && WantEvents) {
      for (const PtsFact &PF : S.factsOf(R->H))
        if (PF.P != NoId && T.prov(PF.P).Kind == ProvKind::InplaceResult)
          ReadResults.insert(PF.P);
      QualType ReaderType = TypeOf(R->H);
      for (const StaleFact &SF : S.staleOf(R->H)) {
        if (R->ResultOf && T.candidate(SF.C).Write == R->ResultOf)
          continue;
        // A module reads its current parameters, whoever wrote them (a
        // copied module handle, `Net m = model;`, is usually meant to share
        // them too); an optimizer reads none.
        if (IsLibraryObject(ReaderType))
          continue;
        const Candidate &C = T.candidate(SF.C);
        // A shape read sees a shape change, not the data of a write.
        if (R->ShapeOnly && !C.MetadataOnly)
          continue;
        if (R->Element && !SameElement(*R->Element, C))
          continue;
        if (C.BufferCall && !IsBufferViewRead(*R, C))
          continue;
        bool OptimizerWrite = IsOptimizerWrite(C);
        if ((OptimizerWrite || (C.Writer != NoId && IsLibraryObject(TypeOf(C.Writer)))) &&
            !IsSnapshotRead(*R, C))
          continue;
        RawEvent E;
        E.EventKind = RawEvent::Kind::StaleRead;
        E.OptimizerWrite = OptimizerWrite;
        E.Cand = SF.C;
        E.Reader = R->H;
        E.S = SF.S;
        E.ReaderProvAtRead = S.provOf(R->H, SF.S);
        E.ReadSite = R->Site;
        Out.Events.push_back(E);
      }
    }
  });
  // `y = x.div_(k)` where y is never read before it is rebound: the binding
  // is dead, the statement is just the in-place write, and the later reads
  // of x want the new values. No story (and no `div_` -> `div` fix-it, which
  // would change what those reads see).
  erase_if(Out.Events, [&](const RawEvent &E) {
    if (E.EventKind != RawEvent::Kind::StaleRead)
      return false;
    const Candidate &C = T.candidate(E.Cand);
    return C.SelfBound && !ReadResults.count(C.WriterProv);
  });
  if (WantEvents)
    collectMayCopyWrites(A, Out.Events);
  return Out;
}

} // namespace aliasguard
