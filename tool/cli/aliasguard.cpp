//===- aliasguard.cpp - the standalone checker ----------------------------===//
//
//   aliasguard [-p build] [--checks=<globs>] [--model=<yaml>] <files...> [-- <flags>]
//
// Prints findings as clang-tidy does (`file:line:col: warning: ... [check]`
// followed by notes and fix-it hints). Exits non-zero when the code does not
// compile, or, with --warnings-as-errors, when there are findings.
//
//===----------------------------------------------------------------------===//
#include "aliasguard/Analysis.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Timer.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace clang::tooling;
using namespace llvm;

namespace {
cl::OptionCategory Category("aliasguard options");
cl::opt<std::string> Checks("checks",
                            cl::desc("Comma-separated globs of checks to run; a leading '-' "
                                     "disables (like clang-tidy). Default: aliasguard-*"),
                            cl::init("aliasguard-*"), cl::cat(Category));
cl::opt<std::string> ModelFile("model",
                               cl::desc("YAML file extending the tensor API model"),
                               cl::cat(Category));
cl::opt<std::string> HeaderFilter("header-filter",
                                  cl::desc("Also analyse functions in non-system headers "
                                           "whose path matches this regex"),
                                  cl::cat(Category));
cl::opt<bool> WarningsAsErrors("warnings-as-errors",
                               cl::desc("Exit with status 1 when there are findings"),
                               cl::cat(Category));
cl::opt<bool> PrintAnalysisStats("print-stats",
                         cl::desc("Print the analysis time (without parsing) to stderr"),
                         cl::cat(Category));
cl::opt<bool> ListChecks("list-checks", cl::desc("List the checks and exit"),
                         cl::cat(Category));

/// clang-tidy's rule: globs apply in order, the last match decides.
Expected<aliasguard::CheckSet> parseChecks(StringRef Spec) {
  aliasguard::CheckSet Set;
  SmallVector<StringRef, 4> Globs;
  Spec.split(Globs, ',', -1, false);
  for (StringRef Glob : Globs) {
    Glob = Glob.trim();
    bool Enable = !Glob.consume_front("-");
    Expected<GlobPattern> Pattern = GlobPattern::create(Glob);
    if (!Pattern)
      return Pattern.takeError();
    for (aliasguard::CheckKind K : aliasguard::allChecks())
      if (Pattern->match(aliasguard::checkName(K)))
        Set.set(K, Enable);
  }
  return Set;
}

class Consumer : public ASTConsumer {
public:
  Consumer(CompilerInstance &CI, const aliasguard::ApiModel &Model,
           const aliasguard::AnalysisOptions &Options, unsigned &FindingCount)
      : CI(CI), Model(Model), Options(Options), FindingCount(FindingCount) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    // Broken code gets clang's errors only: its AST is no ground for claims.
    if (Diags.hasErrorOccurred())
      return;
    unsigned WarningID = Diags.getCustomDiagID(DiagnosticsEngine::Warning, "%0 [%1]");
    unsigned NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
    TimeRecord Start = TimeRecord::getCurrentTime(/*Start=*/true);
    std::vector<aliasguard::Finding> Findings =
        aliasguard::analyzeTranslationUnit(Ctx, Model, Options);
    if (PrintAnalysisStats) {
      TimeRecord Elapsed = TimeRecord::getCurrentTime(/*Start=*/false);
      Elapsed -= Start;
      errs() << "aliasguard: analysis " << format("%.3f", Elapsed.getWallTime())
             << " s, " << Findings.size() << " findings\n";
    }
    for (const aliasguard::Finding &F : Findings) {
      ++FindingCount;
      {
        DiagnosticBuilder DB = Diags.Report(F.Loc, WarningID);
        DB << F.Message << aliasguard::checkName(F.Check);
        for (const FixItHint &Fix : F.FixIts)
          DB << Fix;
      }
      for (const aliasguard::Note &N : F.Notes)
        Diags.Report(N.Loc, NoteID) << N.Message;
    }
  }

private:
  CompilerInstance &CI;
  const aliasguard::ApiModel &Model;
  const aliasguard::AnalysisOptions &Options;
  unsigned &FindingCount;
};

class Action : public ASTFrontendAction {
public:
  Action(const aliasguard::ApiModel &Model, const aliasguard::AnalysisOptions &Options,
         unsigned &FindingCount)
      : Model(Model), Options(Options), FindingCount(FindingCount) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, StringRef) override {
    return std::make_unique<Consumer>(CI, Model, Options, FindingCount);
  }

private:
  const aliasguard::ApiModel &Model;
  const aliasguard::AnalysisOptions &Options;
  unsigned &FindingCount;
};

class Factory : public FrontendActionFactory {
public:
  Factory(const aliasguard::ApiModel &Model, const aliasguard::AnalysisOptions &Options)
      : Model(Model), Options(Options) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(Model, Options, FindingCount);
  }
  unsigned FindingCount = 0;

private:
  const aliasguard::ApiModel &Model;
  const aliasguard::AnalysisOptions &Options;
};
} // namespace

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  for (int I = 1; I < argc; ++I)
    if (StringRef(argv[I]) == "--list-checks" || StringRef(argv[I]) == "-list-checks") {
      for (aliasguard::CheckKind K : aliasguard::allChecks())
        outs() << aliasguard::checkName(K) << "\n";
      return 0;
    }
  auto Parser = CommonOptionsParser::create(argc, argv, Category, cl::OneOrMore,
                                            "aliasguard: finds tensor aliasing bugs");
  if (!Parser) {
    errs() << toString(Parser.takeError());
    return 2;
  }

  aliasguard::AnalysisOptions Options;
  Options.HeaderFilter = HeaderFilter;
  if (Expected<aliasguard::CheckSet> Set = parseChecks(Checks)) {
    Options.Enabled = *Set;
  } else {
    errs() << "error: invalid --checks: " << toString(Set.takeError()) << "\n";
    return 2;
  }
  if (Options.Enabled.none()) {
    errs() << "error: no checks enabled by --checks=" << Checks << "\n";
    return 2;
  }
  aliasguard::ApiModel Model = aliasguard::ApiModel::builtin();
  if (!ModelFile.empty())
    if (Error E = Model.loadConfigFile(ModelFile)) {
      errs() << "error: " << toString(std::move(E)) << "\n";
      return 2;
    }

  ClangTool Tool(Parser->getCompilations(), Parser->getSourcePathList());
  Tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
      "-resource-dir=" AG_CLANG_RESOURCE_DIR, ArgumentInsertPosition::BEGIN));
  Tool.appendArgumentsAdjuster(getClangSyntaxOnlyAdjuster());
  Factory F(Model, Options);
  int Status = Tool.run(&F);
  if (Status != 0)
    return 1;
  return WarningsAsErrors && F.FindingCount ? 1 : 0;
}
