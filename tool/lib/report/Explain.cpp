//===- report/Explain.cpp - raw events to stories -------------------------===//
#include "report/Story.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;
using namespace llvm;

namespace aliasguard {

namespace {

/// The event that best explains why Writer and Reader share storage: one
/// that links the two directly, else one from a named handle, else any.
ProvId chooseAliasEvent(const Tables &T, HandleId Writer, ProvId WriterProv, HandleId Reader,
                        ProvId ReaderProv) {
  auto Links = [&](ProvId P, HandleId Other) {
    return T.isAliasEvent(P) && Other != NoId && T.prov(P).Source == Other;
  };
  if (Links(ReaderProv, Writer))
    return ReaderProv;
  if (Links(WriterProv, Reader))
    return WriterProv;
  for (ProvId P : {WriterProv, ReaderProv})
    if (T.isAliasEvent(P) && T.prov(P).Source != NoId)
      return P;
  for (ProvId P : {WriterProv, ReaderProv})
    if (T.isAliasEvent(P))
      return P;
  return NoId;
}

AliasEvent describe(const Tables &T, ProvId P, HandleId Holder) {
  const ProvInfo &PI = T.prov(P);
  AliasEvent A;
  A.Kind = PI.Kind;
  A.Loc = PI.Loc;
  A.Holder = T.handleName(Holder).str();
  A.Source = T.handleName(PI.Source).str();
  A.Op = PI.Op;
  A.FixSource = PI.FixSource;
  A.SourceType = PI.SourceType;
  A.CalleeReturnLoc = PI.CalleeReturnLoc;
  A.OfElement = PI.OfElement;
  return A;
}

} // namespace

std::vector<Story> explain(ArrayRef<RawEvent> Events, const FunctionFacts &Facts) {
  const Tables &T = Facts.tables();
  const FunctionDecl &FD = Facts.function();
  std::vector<Story> Stories;
  for (const RawEvent &E : Events) {
    Story S;
    S.Function = &FD;
    // A write seen by itself (no candidate): the event names it.
    auto SetWrite = [&] {
      S.WriteExpr = E.WriteSite;
      S.WriteLoc = E.WriteSite->getExprLoc();
      S.Writer = T.handleName(E.Writer).str();
      S.WriteOp = E.Op.str();
    };
    if (E.EventKind == RawEvent::Kind::ParamWrite) {
      S.StoryKind = Story::Kind::ParamWrite;
      SetWrite();
      S.Param = FD.getParamDecl(E.ParamIndex);
      S.MayAlias = E.MayAlias;
      Stories.push_back(std::move(S));
      continue;
    }
    if (E.EventKind == RawEvent::Kind::MayCopyWrite) {
      S.StoryKind = Story::Kind::MayCopyWrite;
      SetWrite();
      S.ThroughTemporary = E.ThroughTemporary;
      S.Alias = describe(T, E.MayViewProv, E.ThroughTemporary ? NoId : E.Writer);
      S.Reader = T.handleName(E.Source).str();
      if (E.ReadSite)
        S.ReadLoc = E.ReadSite->getExprLoc();
      S.Param = dyn_cast_or_null<ParmVarDecl>(T.handle(E.Source).Base);
      Stories.push_back(std::move(S));
      continue;
    }
    const Candidate &C = T.candidate(E.Cand);
    S.StoryKind = Story::Kind::StaleRead;
    S.WriteExpr = C.Write;
    S.WriteLoc = C.Write->getExprLoc();
    S.Writer = T.handleName(C.Writer).str();
    S.WriteOp = C.WriteOp;
    S.MetadataOnly = C.MetadataOnly;
    S.BufferCall = C.BufferCall;
    S.ReadLoc = E.ReadSite->getExprLoc();
    // A stale holder copied into the handle read: the story is the stale
    // holder's, the copy is a step on the way to the read.
    HandleId Reader = E.Reader;
    ProvId ReaderProvAtRead = E.ReaderProvAtRead;
    if (C.StaleVia != NoId) {
      Reader = C.StaleVia;
      ReaderProvAtRead = C.ReaderProv;
      S.StaleCopy = T.handleName(E.Reader).str();
      S.StaleCopyLoc = C.StaleViaLoc;
    }
    S.Reader = T.handleName(Reader).str();
    if (C.CalleeParam) {
      // A callee wrote the reader's own storage through a by-value or
      // const-reference parameter; the reader reads it after the call.
      S.Param = C.CalleeParam;
      S.Callee = dyn_cast<FunctionDecl>(C.CalleeParam->getDeclContext());
      S.CalleeWriteLoc = C.CalleeWriteLoc;
      Stories.push_back(std::move(S));
      continue;
    }
    if (C.SelfBound) {
      S.BoundName = T.handleName(C.Holder).str();
      S.BoundLoc = C.BoundLoc;
      S.InplaceCall = dyn_cast<CXXMemberCallExpr>(C.Write);
      S.Alias = describe(T, C.WriterProv, C.Holder);
      Stories.push_back(std::move(S));
      continue;
    }
    ProvId Alias = chooseAliasEvent(T, C.Writer, C.WriterProv, Reader, C.ReaderProv);
    if (Alias == NoId)
      continue;
    S.OptimizerStep = E.OptimizerWrite;
    if (T.isAliasEvent(C.ReaderProv))
      S.ReaderAlias = describe(T, C.ReaderProv, E.Reader);
    // The alias event belongs to whichever of writer and reader received it.
    HandleId Holder = ReaderProvAtRead == Alias ? Reader : C.Writer;
    S.Alias = describe(T, Alias, Holder);
    Stories.push_back(std::move(S));
  }
  return Stories;
}

} // namespace aliasguard
