//===- Analysis.cpp - translation-unit driver -----------------------------===//
#include "aliasguard/Analysis.h"

#include "Dataflow.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <set>

using namespace clang;
using namespace llvm;

namespace aliasguard {

ArrayRef<CheckKind> allChecks() {
  static const CheckKind All[] = {CheckKind::InplaceReadLater, CheckKind::ParamMutation,
                                  CheckKind::AssignInsteadOfClone, CheckKind::ViewMutation};
  return All;
}

StringRef checkName(CheckKind Kind) {
  switch (Kind) {
  case CheckKind::AssignInsteadOfClone: return "aliasguard-assign-instead-of-clone";
  case CheckKind::InplaceReadLater: return "aliasguard-inplace-read-later";
  case CheckKind::ViewMutation: return "aliasguard-view-mutation";
  case CheckKind::ParamMutation: return "aliasguard-param-mutation";
  }
  llvm_unreachable("unknown check");
}

namespace {
class FunctionCollector : public RecursiveASTVisitor<FunctionCollector> {
public:
  FunctionCollector(const SourceManager &SM, const std::string &HeaderFilter)
      : SM(SM), Filter(HeaderFilter), HasFilter(!HeaderFilter.empty()) {}

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || FD->isDependentContext() ||
        FD->isTemplateInstantiation() || FD->isImplicit() || FD->isInvalidDecl())
      return true;
    SourceLocation Loc = SM.getExpansionLoc(FD->getLocation());
    if (SM.isWrittenInMainFile(Loc) ||
        (!SM.isInSystemHeader(Loc) && HasFilter && Filter.match(SM.getFilename(Loc))))
      Functions.push_back(FD);
    return true;
  }

  std::vector<const FunctionDecl *> Functions;

private:
  const SourceManager &SM;
  Regex Filter;
  bool HasFilter;
};

Finding makeFinding(const RawFinding &F, ASTContext &Ctx) {
  switch (F.Check) {
  case CheckKind::AssignInsteadOfClone: return makeAssignInsteadOfClone(F, Ctx);
  case CheckKind::InplaceReadLater: return makeInplaceReadLater(F, Ctx);
  case CheckKind::ViewMutation: return makeViewMutation(F, Ctx);
  case CheckKind::ParamMutation: return makeParamMutation(F, Ctx);
  }
  llvm_unreachable("unknown check");
}
} // namespace

std::vector<Finding> analyzeTranslationUnit(ASTContext &Ctx, const ApiModel &BaseModel,
                                            const AnalysisOptions &Options) {
  if (Options.Enabled.none())
    return {};
  ApiModel Model = BaseModel;
  Model.addSchemasFrom(Ctx);

  const SourceManager &SM = Ctx.getSourceManager();
  FunctionCollector Collector(SM, Options.HeaderFilter);
  Collector.TraverseDecl(Ctx.getTranslationUnitDecl());

  SummaryCache Summaries(Ctx, Model);
  std::vector<RawFinding> Raw;
  for (const FunctionDecl *FD : Collector.Functions)
    Summaries.store(FD, analyzeFunction(*FD, Ctx, Model, Summaries, &Raw));

  // The most specific enabled check reports a write once; an alias made by a
  // copy is reported once at the copy, with its first stale read.
  erase_if(Raw, [&](const RawFinding &F) { return !Options.Enabled.has(F.Check); });
  auto Before = [&](SourceLocation A, SourceLocation B) {
    if (A == B || B.isInvalid())
      return false;
    if (A.isInvalid())
      return true;
    return SM.isBeforeInTranslationUnit(A, B);
  };
  std::stable_sort(Raw.begin(), Raw.end(), [&](const RawFinding &A, const RawFinding &B) {
    if (A.Check != B.Check)
      return unsigned(A.Check) < unsigned(B.Check);
    if (A.WriteLoc != B.WriteLoc)
      return Before(A.WriteLoc, B.WriteLoc);
    return Before(A.ReadLoc, B.ReadLoc);
  });
  // One story, one warning: a write is reported once; an alias (a copy, a
  // view) is reported once per stale reader, at its first write; a
  // parameter once per function, at its first write.
  DenseSet<const Expr *> ReportedWrites;
  std::set<std::pair<SourceLocation, std::string>> ReportedAliases;
  DenseSet<const ParmVarDecl *> ReportedParams;
  std::vector<Finding> Findings;
  for (const RawFinding &F : Raw) {
    if (!ReportedWrites.insert(F.WriteExpr).second)
      continue;
    if (F.Check == CheckKind::ParamMutation) {
      if (!ReportedParams.insert(F.Param).second)
        continue;
    } else {
      std::string Reader = F.Check == CheckKind::AssignInsteadOfClone ? "" : F.Reader;
      if (!ReportedAliases.insert({F.Alias.Loc, Reader}).second)
        continue;
    }
    Findings.push_back(makeFinding(F, Ctx));
  }
  std::stable_sort(Findings.begin(), Findings.end(),
                   [&](const Finding &A, const Finding &B) { return Before(A.Loc, B.Loc); });
  return Findings;
}

} // namespace aliasguard
