//===- report/Events.cpp - summaries and raw events from the fixed states -===//
#include "report/Events.h"

#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace llvm;

namespace aliasguard {

FunctionOutcome collectOutcome(FunctionAnalysis &A, bool WantEvents) {
  FunctionFacts &Facts = A.facts();
  const Tables &T = Facts.tables();
  FunctionOutcome Out;
  Out.Summary.Params.resize(Facts.function().getNumParams());

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
        Out.Summary.Params[SI.ParamIndex].Written = true;
        // A callee's write of its parameter is the callee's event.
        if (WantEvents && !W->ViaCallee) {
          RawEvent E;
          E.EventKind = RawEvent::Kind::ParamWrite;
          E.ParamIndex = SI.ParamIndex;
          E.WriteSite = W->Site;
          E.Writer = W->Writer;
          E.Op = W->Op;
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
      for (const StaleFact &SF : S.staleOf(R->H)) {
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
  return Out;
}

} // namespace aliasguard
