//===- AliasGuardTidyModule.cpp - the checks as a clang-tidy plugin -------===//
//
//   clang-tidy-19 --load=AliasGuardTidyModule.so --checks='-*,aliasguard-*' f.cpp
//
// Each check is a thin ClangTidyCheck; the analysis of a translation unit runs
// once and is shared by the enabled checks, so the finding a more specific
// check reports is not reported again by another.
//
//===----------------------------------------------------------------------===//
#include "aliasguard/Analysis.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

#include <map>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace aliasguard {
namespace {

/// Findings of the current translation unit, computed by the first check
/// that runs and handed out by kind.
struct SharedResults {
  CheckSet Enabled;
  // One analysis serves every check: a ModelFile or AnalyzeHeaders set on
  // any aliasguard check (or globally) applies to all of them.
  std::string ModelFile;
  std::string HeaderFilter;
  bool Valid = false;
  std::map<std::string, ApiModel> Models; // by model file
  std::vector<Finding> Findings;
};

SharedResults &shared() {
  static SharedResults Results;
  return Results;
}

class AliasGuardCheck : public ClangTidyCheck {
public:
  AliasGuardCheck(StringRef Name, ClangTidyContext *Context, CheckKind Kind)
      : ClangTidyCheck(Name, Context), Kind(Kind),
        ModelFile(Options.getLocalOrGlobal("ModelFile", "")),
        HeaderFilter(Options.getLocalOrGlobal("AnalyzeHeaders", "")) {
    shared().Enabled.set(Kind);
    if (!ModelFile.empty())
      shared().ModelFile = ModelFile;
    if (!HeaderFilter.empty())
      shared().HeaderFilter = HeaderFilter;
  }

  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    Options.store(Opts, "ModelFile", ModelFile);
    Options.store(Opts, "AnalyzeHeaders", HeaderFilter);
  }

  void registerMatchers(MatchFinder *Finder) override {
    Finder->addMatcher(translationUnitDecl().bind("tu"), this);
  }

  void onStartOfTranslationUnit() override { shared().Valid = false; }

  void check(const MatchFinder::MatchResult &Result) override {
    SharedResults &S = shared();
    if (!S.Valid) {
      S.Valid = true;
      S.Findings.clear();
      // clang-tidy reports compiler errors itself; a broken AST gets no claims.
      if (Result.Context->getDiagnostics().hasErrorOccurred())
        return;
      AnalysisOptions Opts;
      Opts.Enabled = S.Enabled;
      Opts.HeaderFilter = S.HeaderFilter;
      S.Findings = analyzeTranslationUnit(*Result.Context, model(), Opts);
    }
    for (const Finding &F : S.Findings) {
      if (F.Check != Kind)
        continue;
      {
        DiagnosticBuilder DB = diag(F.Loc, "%0") << F.Message;
        for (const FixItHint &Fix : F.FixIts)
          DB << Fix;
      }
      for (const Note &N : F.Notes)
        diag(N.Loc, "%0", DiagnosticIDs::Note) << N.Message;
    }
  }

private:
  const ApiModel &model() {
    const std::string &File = shared().ModelFile;
    auto [It, Inserted] = shared().Models.try_emplace(File, ApiModel::builtin());
    if (Inserted && !File.empty())
      if (llvm::Error E = It->second.loadConfigFile(File))
        configurationDiag("aliasguard: %0") << llvm::toString(std::move(E));
    return It->second;
  }

  CheckKind Kind;
  std::string ModelFile;
  std::string HeaderFilter;
};

template <CheckKind K> class Check : public AliasGuardCheck {
public:
  Check(StringRef Name, ClangTidyContext *Context) : AliasGuardCheck(Name, Context, K) {}
};

class AliasGuardModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
#define AG_CHECK(Id, Name, Summary, Description, RuntimeDescription)                     \
  Factories.registerCheck<Check<CheckKind::Id>>(checkName(CheckKind::Id));
#include "aliasguard/Checks.def"
  }
};

} // namespace
} // namespace aliasguard

static clang::tidy::ClangTidyModuleRegistry::Add<aliasguard::AliasGuardModule>
    AliasGuardModuleRegistration("aliasguard-module",
                                 "aliasguard: tensor aliasing bugs (ag, LibTorch).");
