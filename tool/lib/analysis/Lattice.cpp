//===- analysis/Lattice.cpp - the flow state and the interning tables -----===//
#include "analysis/Lattice.h"

#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace llvm;

namespace aliasguard {

StringRef provKindName(ProvKind K) {
  switch (K) {
  case ProvKind::Origin:
    return "origin";
  case ProvKind::Copy:
    return "copy";
  case ProvKind::ReturnsParam:
    return "returns-param";
  case ProvKind::View:
    return "view";
  case ProvKind::MayView:
    return "may-view";
  case ProvKind::ReturnsParamView:
    return "returns-param-view";
  case ProvKind::Container:
    return "container";
  case ProvKind::Lambda:
    return "lambda";
  case ProvKind::InplaceResult:
    return "inplace-result";
  }
  llvm_unreachable("unknown provenance kind");
}

bool State::join(const State &O) {
  size_t Before = Pts.size() + Stale.size();
  Pts.insert(O.Pts.begin(), O.Pts.end());
  ByStorage.insert(O.ByStorage.begin(), O.ByStorage.end());
  Stale.insert(O.Stale.begin(), O.Stale.end());
  return Pts.size() + Stale.size() != Before;
}

void State::kill(HandleId H) {
  for (auto It = Pts.lower_bound({H, 0, 0}); It != Pts.end() && It->H == H;) {
    ByStorage.erase({It->S, H});
    It = Pts.erase(It);
  }
  dropStale(H);
}

static std::string where(SourceLocation Loc, const SourceManager &SM) {
  PresumedLoc P = Loc.isValid() ? SM.getPresumedLoc(SM.getExpansionLoc(Loc)) : PresumedLoc();
  if (P.isInvalid())
    return "?";
  return (Twine(P.getLine()) + ":" + Twine(P.getColumn())).str();
}

void State::dump(raw_ostream &OS, const Tables &T, const SourceManager &SM) const {
  HandleId Current = NoId;
  for (const PtsFact &F : Pts) {
    if (F.H != Current) {
      OS << (Current == NoId ? "" : "\n") << "    " << T.handleName(F.H) << ":";
      Current = F.H;
    }
    const StorageInfo &SI = T.storage(F.S);
    OS << " s" << F.S;
    if (SI.Old)
      OS << "(old)";
    if (F.P != NoId && T.isAliasEvent(F.P)) {
      const ProvInfo &PI = T.prov(F.P);
      OS << "[" << provKindName(PI.Kind);
      if (!PI.Op.empty())
        OS << " '" << PI.Op << "'";
      if (PI.Source != NoId)
        OS << " of " << T.handleName(PI.Source);
      OS << " at " << where(PI.Loc, SM) << "]";
    }
  }
  if (Current != NoId)
    OS << "\n";
  for (const StaleFact &F : Stale) {
    const Candidate &C = T.candidate(F.C);
    OS << "    stale: " << T.handleName(F.Reader) << " misses '" << C.WriteOp << "' at "
       << where(C.Write->getExprLoc(), SM) << " of s" << F.S;
    if (C.Writer != NoId)
      OS << " through " << T.handleName(C.Writer);
    OS << "\n";
  }
}

HandleId Tables::handleFor(const ValueDecl *Base, const FieldDecl *Field, StringRef Given) {
  auto [It, Inserted] = HandleIds.try_emplace({Base, Field}, Handles.size());
  if (Inserted) {
    std::string Name;
    if (!Given.empty())
      Name = Given.str();
    else if (Base && Field)
      Name = (Base->getName() + "." + Field->getName()).str();
    else if (Field)
      Name = Field->getName().str();
    else
      Name = Base->getName().str();
    Handles.push_back({Base, Field, Name});
  }
  return It->second;
}

HandleId Tables::findHandle(const ValueDecl *Base, const FieldDecl *Field) const {
  auto It = HandleIds.find({Base, Field});
  return It == HandleIds.end() ? NoId : It->second;
}

HandleId Tables::handleFor(const ValueDecl *Base, ArrayRef<const FieldDecl *> Path,
                           StringRef Name) {
  if (Path.size() == 1)
    return handleFor(Base, Path[0], Name);
  auto [It, Inserted] = PathHandleIds.try_emplace(
      {Base, std::vector<const FieldDecl *>(Path.begin(), Path.end())}, Handles.size());
  if (Inserted)
    Handles.push_back({Base, Path.empty() ? nullptr : Path.back(), Name.str()});
  return It->second;
}

HandleId Tables::findHandle(const ValueDecl *Base, ArrayRef<const FieldDecl *> Path) const {
  if (Path.size() == 1)
    return findHandle(Base, Path[0]);
  auto It = PathHandleIds.find({Base, std::vector<const FieldDecl *>(Path.begin(), Path.end())});
  return It == PathHandleIds.end() ? NoId : It->second;
}

StorageId Tables::storageFor(const void *Site, bool Old, StorageKind Kind, unsigned Param) {
  auto [It, Inserted] = StorageIds.try_emplace({Site, unsigned(Old)}, Storages.size());
  if (Inserted)
    Storages.push_back({Site, Old, Kind, Param});
  return It->second;
}

ProvId Tables::provFor(const ProvSpec &Spec, const TypeModel *SourceType) {
  auto [It, Inserted] =
      ProvIds.try_emplace(std::make_tuple(Spec.Kind, Spec.Site, Spec.Source), Provs.size());
  if (Inserted)
    Provs.push_back({Spec.Kind, Spec.Site, Spec.Source, Spec.Loc, Spec.Op.str(), Spec.FixSource,
                     SourceType, Spec.CalleeReturnLoc, Spec.OfElement, Spec.Range, Spec.Members});
  return It->second;
}

CandId Tables::candidateFor(const Candidate &C) {
  auto [It, Inserted] =
      CandIds.try_emplace(std::make_tuple(C.Write, C.Writer, C.WriterProv, C.ReaderProv,
                                          C.SelfBound, C.Holder, C.CalleeParam, C.StaleVia),
                          Cands.size());
  if (Inserted)
    Cands.push_back(C);
  return It->second;
}

} // namespace aliasguard
