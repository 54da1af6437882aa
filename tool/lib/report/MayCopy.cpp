//===- report/MayCopy.cpp - writes that a may-copy can lose ---------------===//
//
// `reshape`, `contiguous`, `to`, `flatten` return a view of their source when
// they can and a copy when they must. An in-place write through their result
// reaches the source only in the first case:
//   x.reshape({-1}).zero_();                     // through a temporary
//   auto y = x.contiguous(); y.clamp_(0, 1);     // through another handle
//   self = self.contiguous(); self.mul_(2);      // Tensor& self, rebound
// Such a write is an event when the source still wants it: the source is
// read afterwards (on some path, before it is rebound), or it is a non-const
// reference parameter (its caller sees it). Copying back (`x.copy_(y)`)
// after the write, on any path, is the idiom that makes it right: no event.
//
//===----------------------------------------------------------------------===//
#include "report/Events.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace llvm;

namespace aliasguard {

namespace {

struct FactPos {
  const CFGBlock *Block = nullptr;
  unsigned Element = 0, Index = 0;
};

std::optional<FactPos> find(const FunctionFacts &Facts, const Fact *F) {
  for (const CFGBlock *B : Facts.order()) {
    const BlockFacts &BF = Facts.block(*B);
    for (unsigned E = 0; E < BF.Elements.size(); ++E) {
      ArrayRef<const Fact *> List = Facts.facts(BF.Elements[E]);
      for (unsigned I = 0; I < List.size(); ++I)
        if (List[I] == F)
          return FactPos{B, E, I};
    }
  }
  return std::nullopt;
}

/// Calls \p Visit for every fact after \p From, on every path, until it
/// returns false on that path (the rest of From's block, then each block
/// reachable from it once, From's own again through a loop's back edge).
void forEachLater(const FunctionFacts &Facts, FactPos From,
                  function_ref<bool(const Fact &)> Visit) {
  auto Scan = [&](const CFGBlock &B, unsigned FirstElement, unsigned FirstIndex) {
    const BlockFacts &BF = Facts.block(B);
    for (unsigned E = FirstElement; E < BF.Elements.size(); ++E) {
      ArrayRef<const Fact *> List = Facts.facts(BF.Elements[E]);
      for (unsigned I = E == FirstElement ? FirstIndex : 0; I < List.size(); ++I)
        if (!Visit(*List[I]))
          return false;
    }
    return true;
  };
  SmallVector<const CFGBlock *, 8> Work;
  DenseSet<const CFGBlock *> Seen;
  auto Successors = [&](const CFGBlock &B) {
    for (const CFGBlock *S : B.succs())
      if (S && Seen.insert(S).second)
        Work.push_back(S);
  };
  if (Scan(*From.Block, From.Element, From.Index + 1))
    Successors(*From.Block);
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (Scan(*B, 0, 0))
      Successors(*B);
  }
}

bool ends(const Fact &F, HandleId H) {
  if (const auto *B = dyn_cast<BindFact>(&F))
    return B->H == H;
  if (const auto *K = dyn_cast<KillFact>(&F))
    return K->H == H;
  return false;
}

struct Later {
  const ReadFact *Read = nullptr; ///< the first read of the source found
  bool CopiedBack = false;        ///< `x.copy_(y)` follows on some path
};

/// What happens to the source \p H after the write \p W, on the paths that
/// do not rebind it.
Later after(const FunctionFacts &Facts, FactPos From, const WriteFact &W, HandleId H) {
  Later Out;
  forEachLater(Facts, From, [&](const Fact &F) {
    if (const auto *R = dyn_cast<ReadFact>(&F); R && R->H == H && !R->ShapeOnly) {
      // The write's own statement reading its discarded result is no later read.
      if (R->Site == W.Site)
        return true;
      if (!Out.Read)
        Out.Read = R;
      return false;
    }
    if (const auto *CW = dyn_cast<WriteFact>(&F); CW && CW->Writer == H && CW->Op == "copy_")
      Out.CopiedBack = true;
    return !ends(F, H);
  });
  return Out;
}

/// Whether the write's own result is used by its full expression (returned,
/// bound, passed on): `return t.to(kFloat).div_(255);` wants the written
/// result, not the source, so nothing is lost.
bool resultUsed(const FunctionFacts &Facts, FactPos Pos, const WriteFact &W) {
  const CFGElement *Elem = Facts.block(*Pos.Block).Elements[Pos.Element].Element;
  std::optional<CFGStmt> S = Elem ? Elem->getAs<CFGStmt>() : std::nullopt;
  if (!S)
    return false;
  const auto *Top = dyn_cast<Expr>(S->getStmt());
  return !Top || Top->IgnoreImplicit()->IgnoreParens() != W.Site->IgnoreParens();
}

bool isMutableReferenceParam(const HandleInfo &HI) {
  const auto *PD = dyn_cast_or_null<ParmVarDecl>(HI.Base);
  if (!PD || HI.Field)
    return false;
  QualType T = PD->getType();
  return T->isLValueReferenceType() && !T.getNonReferenceType().isConstQualified();
}

} // namespace

void collectMayCopyWrites(FunctionAnalysis &A, std::vector<RawEvent> &Events) {
  const FunctionFacts &Facts = A.facts();
  const Tables &T = Facts.tables();
  std::vector<std::pair<const WriteFact *, RawEvent>> Found;
  // `self = self.contiguous()` on a `Tensor &self`: the rebinding and the
  // may-view that made it (self keeps its parameter's provenance after it).
  std::vector<std::pair<const BindFact *, ProvId>> Rebinds;
  A.forEachPoint([&](const Fact &F, const State &, const Transfer &Tr) {
    if (const auto *B = dyn_cast<BindFact>(&F)) {
      if (!isMutableReferenceParam(T.handle(B->H)))
        return;
      for (const ValueFact &VF : Tr.value(B->Src))
        if (VF.P != NoId && T.prov(VF.P).Kind == ProvKind::MayView && T.prov(VF.P).Source == B->H) {
          Rebinds.push_back({B, VF.P});
          return;
        }
      return;
    }
    const auto *W = dyn_cast<WriteFact>(&F);
    if (!W || W->ViaCallee)
      return;
    for (const ValueFact &VF : Tr.value(W->Target)) {
      if (VF.P == NoId || T.prov(VF.P).Kind != ProvKind::MayView)
        continue;
      HandleId Source = T.prov(VF.P).Source;
      // `x = x.contiguous(); x.mul_(2)`: x is the result now, and knows it.
      if (Source == NoId || (Source == W->Writer && VF.From != NoId))
        continue;
      RawEvent E;
      E.EventKind = RawEvent::Kind::MayCopyWrite;
      E.WriteSite = W->Site;
      E.Writer = W->Writer;
      E.Op = W->Op;
      E.MayViewProv = VF.P;
      E.Source = Source;
      E.ThroughTemporary = VF.From == NoId;
      if (none_of(Found, [&](const auto &P) {
            return P.first == W && P.second.MayViewProv == E.MayViewProv;
          }))
        Found.push_back({W, E});
    }
  });

  DenseSet<std::pair<const Expr *, HandleId>> CopiedBack;
  for (auto &[W, E] : Found) {
    std::optional<FactPos> Pos = find(Facts, W);
    if (!Pos)
      continue;
    if (E.ThroughTemporary && resultUsed(Facts, *Pos, *W))
      continue;
    Later L = after(Facts, *Pos, *W, E.Source);
    if (L.CopiedBack) {
      CopiedBack.insert({W->Site, E.Source});
      continue;
    }
    if (!L.Read && !isMutableReferenceParam(T.handle(E.Source)))
      continue;
    E.ReadSite = L.Read ? L.Read->Site : nullptr;
    Events.push_back(E);
  }
  // Copied back: the source sees the write whatever the op returned, so
  // its later reads are no stale reads either (view-mutation's "may").
  erase_if(Events, [&](const RawEvent &E) {
    return E.EventKind == RawEvent::Kind::StaleRead &&
           CopiedBack.contains({T.candidate(E.Cand).Write, E.Reader});
  });

  // The first write through the rebound reference parameter, on each path.
  for (auto &[B, P] : Rebinds) {
    std::optional<FactPos> Pos = find(Facts, B);
    if (!Pos)
      continue;
    forEachLater(Facts, *Pos, [&, B = B, P = P](const Fact &F) {
      const auto *W = dyn_cast<WriteFact>(&F);
      if (!W || W->Writer != B->H)
        return !ends(F, B->H);
      if (none_of(Events, [&](const RawEvent &E) {
            return E.EventKind == RawEvent::Kind::MayCopyWrite && E.WriteSite == W->Site;
          })) {
        RawEvent E;
        E.EventKind = RawEvent::Kind::MayCopyWrite;
        E.WriteSite = W->Site;
        E.Writer = B->H;
        E.Op = W->Op;
        E.MayViewProv = P;
        E.Source = B->H;
        Events.push_back(E);
      }
      return false;
    });
  }
}

} // namespace aliasguard
