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
#include "aliasguard/Frontend.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/Support/YAMLParser.h"

#include <map>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace aliasguard {
namespace {

/// The analysis of the current translation unit, computed by the first
/// check that runs and handed out by kind. clang-tidy constructs the checks
/// anew for each translation unit, with that file's options; the first
/// check constructed after an analysis starts the state afresh, so nothing
/// of one file's configuration leaks into the next.
struct SharedResults {
  // One analysis serves every check: a ModelFile or AnalyzeHeaders set on
  // any aliasguard check (or globally) applies to all of them.
  std::string ModelFile;
  std::string HeaderFilter;
  bool ParamMutationWithoutCaller = true; ///< aliasguard-param-mutation.ReportWithoutCaller
  bool Analysed = false;
  std::vector<Finding> Findings;
  std::map<std::string, std::unique_ptr<ApiModel>> Models; // by model file, kept across files
};

SharedResults &shared() {
  static SharedResults Results;
  return Results;
}

class AliasGuardCheck : public ClangTidyCheck {
public:
  AliasGuardCheck(StringRef Name, ClangTidyContext *Context, CheckKind Kind)
      : ClangTidyCheck(Name, Context), Context(*Context), Kind(Kind),
        ModelFile(Options.getLocalOrGlobal("ModelFile", "")),
        HeaderFilter(Options.getLocalOrGlobal("AnalyzeHeaders", "")),
        ReportWithoutCaller(reportWithoutCaller(Kind)) {
    SharedResults &S = shared();
    if (S.Analysed) { // a new translation unit
      S.ModelFile.clear();
      S.HeaderFilter.clear();
      S.ParamMutationWithoutCaller = true;
      S.Findings.clear();
      S.Analysed = false;
    }
    if (Kind == CheckKind::ParamMutation)
      S.ParamMutationWithoutCaller = ReportWithoutCaller;
    if (!ModelFile.empty())
      S.ModelFile = ModelFile;
    if (!HeaderFilter.empty())
      S.HeaderFilter = HeaderFilter;
  }

  /// aliasguard-param-mutation.ReportWithoutCaller; a value that is no
  /// boolean is a configuration error (and the default applies).
  bool reportWithoutCaller(CheckKind Kind) {
    if (Kind != CheckKind::ParamMutation)
      return true;
    // (clang-tidy's shared library exports the string form of `get`.)
    std::string Value = Options.get("ReportWithoutCaller", "true").str();
    if (std::optional<bool> B = llvm::yaml::parseBool(Value))
      return *B;
    configurationDiag("invalid value '%0' for option "
                      "'aliasguard-param-mutation.ReportWithoutCaller': expected true or false")
        << Value;
    return true;
  }

  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    Options.store(Opts, "ModelFile", ModelFile);
    Options.store(Opts, "AnalyzeHeaders", HeaderFilter);
    if (Kind == CheckKind::ParamMutation)
      Options.store(Opts, "ReportWithoutCaller", ReportWithoutCaller ? "true" : "false");
  }

  void registerMatchers(MatchFinder *Finder) override {
    Finder->addMatcher(translationUnitDecl().bind("tu"), this);
  }

  void check(const MatchFinder::MatchResult &Result) override {
    SharedResults &S = shared();
    if (!S.Analysed) {
      S.Analysed = true;
      // clang-tidy reports compiler errors itself; a broken AST gets no claims.
      if (Result.Context->getDiagnostics().hasErrorOccurred())
        return;
      AnalysisOptions Opts;
      // The checks this file's configuration enables (deduplication picks
      // the most specific of them).
      Opts.Enabled = CheckSet();
      for (CheckKind K : allChecks())
        Opts.Enabled.set(K, Context.isCheckEnabled(checkName(K)));
      Opts.HeaderFilter = S.HeaderFilter;
      Opts.ParamMutationWithoutCaller = S.ParamMutationWithoutCaller;
      if (const ApiModel *M = model())
        S.Findings = analyzeTranslationUnit(*Result.Context, *M, Opts);
    }
    for (const Finding &F : S.Findings)
      if (F.Check == Kind)
        emitFinding(F, [&](SourceLocation Loc, StringRef Message, DiagnosticIDs::Level Level) {
          return diag(Loc, "%0", Level) << Message;
        });
  }

private:
  /// The model of this file's ModelFile; null (and a configuration error)
  /// when it cannot be loaded: a misconfiguration is not a clean file.
  const ApiModel *model() {
    const std::string &File = shared().ModelFile;
    auto [It, Inserted] = shared().Models.try_emplace(File);
    if (Inserted) {
      auto M = std::make_unique<ApiModel>(ApiModel::builtin());
      if (!File.empty())
        if (llvm::Error E = M->loadConfigFile(File)) {
          configurationDiag("aliasguard: %0") << llvm::toString(std::move(E));
          shared().Models.erase(It);
          return nullptr;
        }
      It->second = std::move(M);
    }
    return It->second.get();
  }

  ClangTidyContext &Context;
  CheckKind Kind;
  std::string ModelFile;
  std::string HeaderFilter;
  bool ReportWithoutCaller;
};

template <CheckKind K> class Check : public AliasGuardCheck {
public:
  Check(StringRef Name, ClangTidyContext *Context) : AliasGuardCheck(Name, Context, K) {}
};

class AliasGuardModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
#define AG_CHECK(Id, Name, Summary, Description, RuntimeDescription)                               \
  Factories.registerCheck<Check<CheckKind::Id>>(checkName(CheckKind::Id));
#include "aliasguard/Checks.def"
  }
};

} // namespace
} // namespace aliasguard

static clang::tidy::ClangTidyModuleRegistry::Add<aliasguard::AliasGuardModule>
    AliasGuardModuleRegistration("aliasguard-module",
                                 "aliasguard: tensor aliasing bugs (ag, LibTorch).");
