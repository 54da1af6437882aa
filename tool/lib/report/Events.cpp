//===- report/Events.cpp - summaries and raw events from the fixed states -===//
#include "report/Events.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace llvm;

namespace aliasguard {

FunctionOutcome collectOutcome(FunctionAnalysis &A, bool WantEvents) {
  FunctionFacts &Facts = A.facts();
  const Tables &T = Facts.tables();
  FunctionOutcome Out;
  Out.Summary.Params.resize(Facts.function().getNumParams());

  // `y = x.mul_(2)`: the in-place results bound to a name that is read.
  DenseSet<ProvId> ReadResults;
  A.forEachPoint([&](const Fact &F, const State &S, const Transfer &Tr) {
    if (const auto *W = dyn_cast<WriteFact>(&F)) {
      SmallVector<StorageId, 2> Written;
      for (const ValueFact &VF : Tr.value(W->Target)) {
        if (is_contained(Written, VF.S))
          continue;
        Written.push_back(VF.S);
        const StorageInfo &SI = T.storage(VF.S);
        if (SI.Kind != StorageKind::Param)
          continue;
        InputEffect &P = Out.Summary.Params[SI.ParamIndex];
        if (!P.Written)
          P.WriteLoc = W->Site->getExprLoc();
        P.Written = true;
        // A callee's write of its parameter is the callee's event.
        if (WantEvents && !W->ViaCallee) {
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
    if (const auto *R = dyn_cast<ReturnFact>(&F)) {
      for (const ValueFact &VF : Tr.value(R->V)) {
        const StorageInfo &SI = T.storage(VF.S);
        if (SI.Kind != StorageKind::Param)
          continue;
        // Returned on several paths: the parameter itself (a definite alias
        // of the argument) outranks a view of it; among equals, the first
        // return in program order.
        InputEffect &P = Out.Summary.Params[SI.ParamIndex];
        ReturnKind RK = R->ReturnsHandleItself ? ReturnKind::Same : ReturnKind::View;
        if (P.Returned == ReturnKind::None ||
            (P.Returned == ReturnKind::View && RK == ReturnKind::Same)) {
          P.Returned = RK;
          P.ReturnLoc = R->RS->getBeginLoc();
        }
      }
      return;
    }
    if (const auto *R = dyn_cast<ReadFact>(&F); R && WantEvents) {
      for (const PtsFact &PF : S.factsOf(R->H))
        if (PF.P != NoId && T.prov(PF.P).Kind == ProvKind::InplaceResult)
          ReadResults.insert(PF.P);
      for (const StaleFact &SF : S.staleOf(R->H)) {
        if (R->ResultOf && T.candidate(SF.C).Write == R->ResultOf)
          continue;
        RawEvent E;
        E.EventKind = RawEvent::Kind::StaleRead;
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
