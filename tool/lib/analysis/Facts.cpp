//===- analysis/Facts.cpp - printing facts (--dump-facts) -----------------===//
#include "analysis/Facts.h"

#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace llvm;

namespace aliasguard {

namespace {
void printValue(raw_ostream &OS, ValueId V) {
  if (V == NoId)
    OS << "%none";
  else
    OS << '%' << V;
}
void printHandle(raw_ostream &OS, const Tables &T, HandleId H) {
  if (H == NoId)
    OS << "<temporary>";
  else
    OS << T.handleName(H);
}
} // namespace

void Fact::dump(raw_ostream &OS, const Tables &T) const {
  switch (getKind()) {
  case Kind::Param: {
    const auto &F = cast<ParamFact>(*this);
    OS << "param ";
    printHandle(OS, T, F.H);
    OS << " <- argument " << F.Index;
    return;
  }
  case Kind::Load: {
    const auto &F = cast<LoadFact>(*this);
    printValue(OS, F.Dst);
    OS << " += load ";
    printHandle(OS, T, F.H);
    if (F.Buffer)
      OS << " (raw buffer)";
    return;
  }
  case Kind::Fresh:
    printValue(OS, cast<FreshFact>(*this).Dst);
    OS << " += fresh";
    return;
  case Kind::Derive: {
    const auto &F = cast<DeriveFact>(*this);
    printValue(OS, F.Dst);
    OS << " += " << provKindName(F.Spec.Kind) << " of ";
    printValue(OS, F.Src);
    if (!F.Spec.Op.empty())
      OS << " '" << F.Spec.Op << "'";
    if (F.Spec.Source != NoId) {
      OS << " from ";
      printHandle(OS, T, F.Spec.Source);
    }
    return;
  }
  case Kind::Pass: {
    const auto &F = cast<PassFact>(*this);
    printValue(OS, F.Dst);
    OS << " += " << (F.KeepSource ? "" : "unnamed ");
    printValue(OS, F.Src);
    return;
  }
  case Kind::StoreElement: {
    const auto &F = cast<StoreElementFact>(*this);
    printValue(OS, F.Dst);
    OS << " += element of ";
    printValue(OS, F.Src);
    if (!F.Op.empty())
      OS << " '" << F.Op << "'";
    return;
  }
  case Kind::AddTo: {
    const auto &F = cast<AddToFact>(*this);
    printHandle(OS, T, F.H);
    OS << " gains ";
    printValue(OS, F.Src);
    return;
  }
  case Kind::Bind: {
    const auto &F = cast<BindFact>(*this);
    OS << "bind ";
    printHandle(OS, T, F.H);
    OS << " := ";
    printValue(OS, F.Src);
    if (F.InplaceCall) {
      OS << " (the result of in-place '" << F.InplaceCall->getMethodDecl()->getName() << "' on ";
      printHandle(OS, T, F.InplaceRoot);
      OS << ")";
    }
    return;
  }
  case Kind::Write: {
    const auto &F = cast<WriteFact>(*this);
    OS << "write ";
    printValue(OS, F.Target);
    OS << " through ";
    printHandle(OS, T, F.Writer);
    OS << " '" << F.Op << "'";
    if (F.ViaCallee)
      OS << " (in the callee)";
    if (F.Unexpected)
      OS << " (unexpected by the caller)";
    if (F.BufferCall)
      OS << " (raw buffer)";
    return;
  }
  case Kind::MetadataWrite: {
    const auto &F = cast<MetadataWriteFact>(*this);
    OS << "shape of ";
    printHandle(OS, T, F.H);
    OS << " changed '" << F.Op << "'";
    return;
  }
  case Kind::Read:
    OS << (cast<ReadFact>(*this).ShapeOnly ? "read shape of " : "read ");
    printHandle(OS, T, cast<ReadFact>(*this).H);
    return;
  case Kind::Kill:
    OS << "kill ";
    printHandle(OS, T, cast<KillFact>(*this).H);
    return;
  case Kind::Return: {
    const auto &F = cast<ReturnFact>(*this);
    OS << "return ";
    printValue(OS, F.V);
    if (F.Element != NoId)
      OS << " as element " << F.Element;
    if (F.ReturnsHandleItself)
      OS << " (the parameter itself)";
    return;
  }
  case Kind::TestPoint:
    OS << "point '" << cast<TestPointFact>(*this).Name << "'";
    return;
  }
  llvm_unreachable("unknown fact");
}

static void printLoc(raw_ostream &OS, SourceLocation Loc, const SourceManager &SM) {
  PresumedLoc P = Loc.isValid() ? SM.getPresumedLoc(SM.getExpansionLoc(Loc)) : PresumedLoc();
  if (P.isInvalid())
    OS << "      ";
  else
    OS << format("%5u:%-3u", P.getLine(), P.getColumn());
}

void FunctionFacts::dump(raw_ostream &OS, const SourceManager &SM) const {
  OS << "facts of '" << FD.getQualifiedNameAsString() << "'";
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(FD.getLocation()));
  if (P.isValid())
    OS << " at " << P.getFilename() << ":" << P.getLine() << ":" << P.getColumn();
  OS << "\n";
  auto PrintElement = [&](const ElementFacts &E) {
    for (const Fact *F : facts(E)) {
      OS << "  ";
      printLoc(OS, F->getLoc(), SM);
      OS << "  ";
      F->dump(OS, T);
      OS << "\n";
    }
  };
  if (Entry.End != Entry.Begin) {
    OS << " entry:\n";
    PrintElement(Entry);
  }
  for (const CFGBlock *B : Order) {
    const BlockFacts &BF = Blocks[B->getBlockID()];
    if (BF.Elements.empty())
      continue;
    OS << " B" << B->getBlockID() << (BF.InCycle ? " (in a cycle)" : "") << ":\n";
    for (const ElementFacts &E : BF.Elements)
      PrintElement(E);
  }
}

} // namespace aliasguard
