//===- Analysis.cpp - the translation-unit driver ------------------------===//
//
// Picks the functions to report on, computes summaries bottom-up over the
// call graph, runs each function's facts to the fixpoint, and sends the
// fixed states through the report stages: raw events -> stories ->
// checks -> deduplication -> wording -> NOLINT.
//
//===----------------------------------------------------------------------===//
#include "aliasguard/Analysis.h"

#include "analysis/Dataflow.h"
#include "analysis/FactGenerator.h"
#include "checks/Syntactic.h"
#include "report/Story.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <set>
#include <tuple>

using namespace clang;
using namespace llvm;

namespace aliasguard {

namespace {
class FunctionCollector : public RecursiveASTVisitor<FunctionCollector> {
public:
  FunctionCollector(const SourceManager &SM, const std::string &HeaderFilter)
      : SM(SM), Filter(HeaderFilter), HasFilter(!HeaderFilter.empty()) {}

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || FD->isDependentContext() || FD->isImplicit() ||
        FD->isInvalidDecl())
      return true;
    add(FD);
    return true;
  }
  /// A template is analysed in its instantiations (the pattern has no
  /// types to go on); the same finding from several is reported once.
  bool shouldVisitTemplateInstantiations() const { return true; }
  /// A lambda's call operator (the visitor does not reach the closure
  /// class): its body is a function of its own, and its summary says what a
  /// call of the closure does to the captured variables.
  bool VisitLambdaExpr(LambdaExpr *E) {
    const CXXMethodDecl *MD = E->getCallOperator();
    if (MD && MD->hasBody() && !MD->isDependentContext() && !MD->isInvalidDecl())
      add(MD);
    return true;
  }

  std::vector<const FunctionDecl *> Functions;

private:
  void add(const FunctionDecl *FD) {
    SourceLocation Loc = SM.getExpansionLoc(FD->getLocation());
    if (SM.isWrittenInMainFile(Loc) ||
        (!SM.isInSystemHeader(Loc) && HasFilter && Filter.match(SM.getFilename(Loc))))
      Functions.push_back(FD);
  }

  const SourceManager &SM;
  Regex Filter;
  bool HasFilter;
};

/// Summaries of every function the roots reach, callees first; then each
/// root's facts and fixed states, handed to \p OnRoot in the roots' order.
void analyseFunctions(
    ASTContext &Ctx, const ApiModel &Model, ArrayRef<const FunctionDecl *> Roots,
    function_ref<void(unsigned RootIndex, FunctionAnalysis &, const FunctionOutcome &)> OnRoot,
    DenseSet<const FunctionDecl *> *Called = nullptr) {
  SummaryMap Summaries(Ctx);
  DenseMap<const FunctionDecl *, unsigned> RootIndex;
  for (unsigned I = 0; I < Roots.size(); ++I)
    RootIndex.try_emplace(Roots[I], I);
  auto Analyse = [&](const FunctionDecl *FD, bool Report) {
    std::unique_ptr<FunctionFacts> Facts = generateFacts(*FD, Ctx, Model, Summaries);
    if (!Facts)
      return false;
    FunctionAnalysis A(*Facts, Model);
    A.run();
    FunctionOutcome Outcome = collectOutcome(A, Report);
    bool Changed = Summaries.store(FD, Outcome.Summary);
    if (Report)
      OnRoot(RootIndex.lookup(FD), A, Outcome);
    return Changed;
  };
  // A recursive cycle's summaries grow monotonically from "unknown"; a few
  // rounds reach their fixpoint (the bound only guards pathological code).
  constexpr unsigned MaxRounds = 8;
  for (const CallCycle &Cycle : bottomUpOrder(Roots, Summaries, Called)) {
    if (Cycle.Recursive) {
      bool Changed = true;
      for (unsigned Round = 0; Changed && Round < MaxRounds; ++Round) {
        Changed = false;
        for (const FunctionDecl *FD : Cycle.Functions)
          Changed |= Analyse(FD, /*Report=*/false);
      }
    }
    for (const FunctionDecl *FD : Cycle.Functions)
      if (!Cycle.Recursive || RootIndex.count(FD))
        Analyse(FD, RootIndex.count(FD));
  }
}

Finding format(const Story &S, ASTContext &Ctx) {
  switch (S.Check) {
#define AG_STORY_CHECK(Id, Name, Summary, Description, RuntimeDescription)                         \
  case CheckKind::Id:                                                                              \
    return make##Id(S, Ctx);
#define AG_CHECK(Id, Name, Summary, Description, RuntimeDescription)                               \
  case CheckKind::Id:                                                                              \
    break;
#include "aliasguard/Checks.def"
  }
  llvm_unreachable("classify() gives a story a story check only");
}

std::vector<const FunctionDecl *> functionsToReport(ASTContext &Ctx,
                                                    const AnalysisOptions &Options) {
  FunctionCollector Collector(Ctx.getSourceManager(), Options.HeaderFilter);
  Collector.TraverseDecl(Ctx.getTranslationUnitDecl());
  return std::move(Collector.Functions);
}
} // namespace

std::vector<Finding> analyzeTranslationUnit(ASTContext &Ctx, const ApiModel &BaseModel,
                                            const AnalysisOptions &Options) {
  if (Options.Enabled.none())
    return {};
  ApiModel Model = BaseModel;
  if (!Options.ModelHasSchemas)
    Model.addSchemasFrom(Ctx);
  std::vector<const FunctionDecl *> Roots = functionsToReport(Ctx, Options);

  std::vector<std::vector<Story>> PerRoot(Roots.size());
  DenseSet<const FunctionDecl *> Called;
  analyseFunctions(
      Ctx, Model, Roots,
      [&](unsigned I, FunctionAnalysis &A, const FunctionOutcome &Outcome) {
        PerRoot[I] = explain(Outcome.Events, A.facts());
      },
      &Called);
  std::vector<Story> Stories;
  for (std::vector<Story> &Some : PerRoot)
    for (Story &S : Some)
      if (std::optional<CheckKind> Check =
              classify(S, Model, Called.count(S.Function->getCanonicalDecl()),
                       Options.ParamMutationWithoutCaller)) {
        S.Check = *Check;
        S.DatasetTransform = S.StoryKind == Story::Kind::ParamWrite && !S.Callee &&
                             isDatasetTransformMethod(*S.Function, Model.library());
        Stories.push_back(std::move(S));
      }

  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<Finding> Findings;
  for (const Story *S : deduplicate(Stories, Options.Enabled, SM))
    Findings.push_back(format(*S, Ctx));
  // The checks whose story is one expression (checks/Syntactic.h).
  for (const FunctionDecl *FD : Roots) {
#define AG_CHECK(Id, Name, Summary, Description, RuntimeDescription)
#define AG_SYNTAX_CHECK(Id, Name, Summary, Description, RuntimeDescription)                        \
  if (Options.Enabled.has(CheckKind::Id))                                                          \
    find##Id(*FD, Ctx, Model, Findings);
#include "aliasguard/Checks.def"
  }
  // Instantiations of one template tell the same story at the same place.
  std::set<std::tuple<SourceLocation, CheckKind, std::string>> Seen;
  erase_if(Findings, [&](const Finding &F) {
    return !Seen.insert({F.Loc, F.Check, F.Message}).second;
  });
  NolintFilter Nolint(SM);
  erase_if(Findings,
           [&](const Finding &F) { return Nolint.suppresses(F.Loc, checkName(F.Check)); });
  std::stable_sort(Findings.begin(), Findings.end(), [&](const Finding &A, const Finding &B) {
    if (A.Loc == B.Loc || B.Loc.isInvalid())
      return false;
    if (A.Loc.isInvalid())
      return true;
    return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
  });
  return Findings;
}

void dumpFacts(ASTContext &Ctx, const ApiModel &BaseModel, const AnalysisOptions &Options,
               raw_ostream &OS) {
  ApiModel Model = BaseModel;
  Model.addSchemasFrom(Ctx);
  std::vector<const FunctionDecl *> Roots = functionsToReport(Ctx, Options);
  const SourceManager &SM = Ctx.getSourceManager();
  // The functions are analysed callees first; they are printed in source
  // order so that a test reads top to bottom.
  std::vector<std::string> PerRoot(Roots.size());
  analyseFunctions(Ctx, Model, Roots,
                   [&](unsigned I, FunctionAnalysis &A, const FunctionOutcome &) {
                     raw_string_ostream Out(PerRoot[I]);
                     A.facts().dump(Out, SM);
                     // The fixed state at each test point, for white-box lit tests.
                     A.forEachPoint([&](const Fact &F, const State &S, const Transfer &) {
                       if (const auto *P = dyn_cast<TestPointFact>(&F)) {
                         Out << " state at '" << P->Name << "':\n";
                         S.dump(Out, A.facts().tables(), SM);
                       }
                     });
                   });
  for (const std::string &Text : PerRoot)
    OS << Text;
}

} // namespace aliasguard
