//===- Analysis.cpp - translation-unit driver -----------------------------===//
#include "aliasguard/Analysis.h"

#include "Dataflow.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <set>

using namespace clang;
using namespace llvm;

namespace aliasguard {

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

// clang-tidy's NOLINT comments, so that the CLI and the language server
// honour the same suppressions as the clang-tidy plugin: NOLINT on the line,
// NOLINTNEXTLINE on the line before, NOLINTBEGIN ... NOLINTEND around it; each
// with an optional "(glob, glob)" list of check names.
class NolintFilter {
public:
  explicit NolintFilter(const SourceManager &SM) : SM(SM) {}

  bool suppresses(SourceLocation Loc, StringRef Check) {
    if (Loc.isInvalid())
      return false;
    Loc = SM.getExpansionLoc(Loc);
    auto [FID, Offset] = SM.getDecomposedLoc(Loc);
    bool Invalid = false;
    StringRef Buffer = SM.getBufferData(FID, &Invalid);
    if (Invalid)
      return false;
    size_t LineStart = Buffer.rfind('\n', Offset == 0 ? 0 : Offset - 1);
    LineStart = LineStart == StringRef::npos || Offset == 0 ? 0 : LineStart + 1;
    size_t LineEnd = Buffer.find('\n', Offset);
    StringRef Line = Buffer.slice(LineStart, LineEnd);
    if (matches(Line, "NOLINT", Check))
      return true;
    if (LineStart > 0) {
      StringRef Before = Buffer.substr(0, LineStart - 1);
      size_t PrevStart = Before.rfind('\n');
      StringRef Prev = Before.substr(PrevStart == StringRef::npos ? 0 : PrevStart + 1);
      if (matches(Prev, "NOLINTNEXTLINE", Check))
        return true;
    }
    // A NOLINTBEGIN for this check before the line, not closed by a NOLINTEND.
    StringRef Above = Buffer.substr(0, LineStart);
    int Open = 0;
    for (size_t Pos = Above.find("NOLINT"); Pos != StringRef::npos;
         Pos = Above.find("NOLINT", Pos + 6)) {
      StringRef Rest = Above.substr(Pos);
      StringRef RestLine = Rest.take_until([](char C) { return C == '\n'; });
      if (matches(RestLine, "NOLINTBEGIN", Check))
        ++Open;
      else if (Open > 0 && matches(RestLine, "NOLINTEND", Check))
        --Open;
    }
    return Open > 0;
  }

private:
  // Whether `Text` holds `Marker` (not as the prefix of a longer marker)
  // applying to `Check`.
  static bool matches(StringRef Text, StringRef Marker, StringRef Check) {
    for (size_t Pos = Text.find(Marker); Pos != StringRef::npos;
         Pos = Text.find(Marker, Pos + 1)) {
      StringRef After = Text.substr(Pos + Marker.size());
      if (!After.empty() && (isAlnum(After.front()) || After.front() == '_'))
        continue; // NOLINTNEXTLINE is not NOLINT
      if (!After.starts_with("("))
        return true; // every check
      size_t Close = After.find(')');
      if (Close == StringRef::npos)
        return false;
      SmallVector<StringRef, 4> Globs;
      After.slice(1, Close).split(Globs, ',', -1, false);
      for (StringRef Glob : Globs) {
        Expected<GlobPattern> Pattern = GlobPattern::create(Glob.trim());
        if (!Pattern) {
          consumeError(Pattern.takeError());
          continue;
        }
        if (Pattern->match(Check))
          return true;
      }
    }
    return false;
  }

  const SourceManager &SM;
};

Finding makeFinding(const RawFinding &F, ASTContext &Ctx) {
  switch (F.Check) {
#define AG_CHECK(Id, Name, Summary, Description, RuntimeDescription)                     \
  case CheckKind::Id:                                                                    \
    return make##Id(F, Ctx);
#include "aliasguard/Checks.def"
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
  NolintFilter Nolint(SM);
  erase_if(Findings,
           [&](const Finding &F) { return Nolint.suppresses(F.Loc, checkName(F.Check)); });
  std::stable_sort(Findings.begin(), Findings.end(),
                   [&](const Finding &A, const Finding &B) { return Before(A.Loc, B.Loc); });
  return Findings;
}

} // namespace aliasguard
