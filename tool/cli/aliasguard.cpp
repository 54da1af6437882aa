//===- aliasguard.cpp - the standalone checker ----------------------------===//
//
//   aliasguard [-p build] [-j N] [--checks=<globs>] [--model=<yaml>]
//              [--format=text|json|sarif] [--warnings-as-errors] [--quiet]
//              [<files...>] [-- <flags>]
//
// Prints findings as clang-tidy does (`file:line:col: warning: ... [check]`
// followed by notes and fix-it hints), or as one JSON / SARIF 2.1.0 document
// on stdout (--format). Exit codes (docs/integration.md): 0 no error, 1
// findings with --warnings-as-errors, 2 usage or configuration error, 3 a
// file failed to compile.
//
//===----------------------------------------------------------------------===//
#include "aliasguard/Analysis.h"
#include "aliasguard/Output.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
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
enum class OutputFormat { Text, JSON, SARIF };
cl::opt<OutputFormat> Format(
    "format", cl::desc("Output format of the findings"), cl::init(OutputFormat::Text),
    cl::values(clEnumValN(OutputFormat::Text, "text",
                          "clang-style diagnostics on stderr (default)"),
               clEnumValN(OutputFormat::JSON, "json", "one JSON document on stdout"),
               clEnumValN(OutputFormat::SARIF, "sarif",
                          "one SARIF 2.1.0 log on stdout (GitHub code scanning)")),
    cl::cat(Category));
cl::opt<std::string> SarifRoot("sarif-root",
                               cl::desc("Directory SARIF artifact URIs are relative to "
                                        "(default: the current directory)"),
                               cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("Do not print the summary line on stderr"),
                    cl::cat(Category));
cl::opt<unsigned> Jobs("j",
                       cl::desc("Number of files checked in parallel (0: all cores; "
                                "output stays in input order)"),
                       cl::init(0), cl::cat(Category));
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

/// What one input file produced; structured formats collect the findings
/// here because the SourceManager is gone once the file is done.
struct FileResult {
  /// Everything the file printed to stderr, written out whole once the file
  /// is done so that parallel runs print exactly what a serial run does.
  std::string Log;
  bool Failed = false;
  unsigned FindingCount = 0;
  std::vector<aliasguard::ResolvedFinding> Findings;
};

class Consumer : public ASTConsumer {
public:
  Consumer(CompilerInstance &CI, const aliasguard::ApiModel &Model,
           const aliasguard::AnalysisOptions &Options, FileResult &Result)
      : CI(CI), Model(Model), Options(Options), Result(Result) {}

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
      raw_string_ostream(Result.Log)
          << "aliasguard: analysis " << format("%.3f", Elapsed.getWallTime())
             << " s, " << Findings.size() << " findings\n";
    }
    Result.FindingCount += Findings.size();
    if (Format != OutputFormat::Text) {
      aliasguard::Severity Level =
          WarningsAsErrors ? aliasguard::Severity::Error : aliasguard::Severity::Warning;
      for (const aliasguard::Finding &F : Findings)
        Result.Findings.push_back(
            aliasguard::resolveFinding(F, Ctx.getSourceManager(), Ctx.getLangOpts(), Level));
      return;
    }
    for (const aliasguard::Finding &F : Findings) {
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
  FileResult &Result;
};

class Action : public ASTFrontendAction {
public:
  Action(const aliasguard::ApiModel &Model, const aliasguard::AnalysisOptions &Options,
         FileResult &Result)
      : Model(Model), Options(Options), Result(Result) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, StringRef) override {
    return std::make_unique<Consumer>(CI, Model, Options, Result);
  }

private:
  const aliasguard::ApiModel &Model;
  const aliasguard::AnalysisOptions &Options;
  FileResult &Result;
};

class Factory : public FrontendActionFactory {
public:
  Factory(const aliasguard::ApiModel &Model, const aliasguard::AnalysisOptions &Options,
          FileResult &Result)
      : Model(Model), Options(Options), Result(Result) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(Model, Options, Result);
  }

  /// FrontendActionFactory::runInvocation, but with clang's diagnostics and
  /// its "N warnings generated." line going to the file's buffer: both would
  /// otherwise go straight to stderr and interleave under -j.
  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation, FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *) override {
    raw_string_ostream OS(Result.Log);
    OS.enable_colors(errs().has_colors());
    // The invocation's own options, so -fno-color-diagnostics etc. apply as
    // with clang's default printer.
    // (The printer takes shared ownership of the options it is given.)
    TextDiagnosticPrinter Printer(OS, new DiagnosticOptions(Invocation->getDiagnosticOpts()));
    CompilerInstance Compiler(std::move(PCHContainerOps));
    Compiler.setInvocation(std::move(Invocation));
    Compiler.setFileManager(Files);
    std::unique_ptr<FrontendAction> ScopedAction(create());
    Compiler.createDiagnostics(&Printer, /*ShouldOwnClient=*/false);
    if (!Compiler.hasDiagnostics())
      return false;
    Compiler.setVerboseOutputStream(OS);
    Compiler.createSourceManager(*Files);
    bool Success = Compiler.ExecuteAction(*ScopedAction);
    Files->clearStatCache();
    return Success;
  }

private:
  const aliasguard::ApiModel &Model;
  const aliasguard::AnalysisOptions &Options;
  FileResult &Result;
};

std::string plural(unsigned N, StringRef Noun) {
  return (Twine(N) + " " + Noun + (N == 1 ? "" : "s")).str();
}
} // namespace

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  for (int I = 1; I < argc; ++I)
    if (StringRef(argv[I]) == "--list-checks" || StringRef(argv[I]) == "-list-checks") {
      for (aliasguard::CheckKind K : aliasguard::allChecks())
        outs() << aliasguard::checkName(K) << "\n";
      return 0;
    }
  auto Parser = CommonOptionsParser::create(argc, argv, Category, cl::ZeroOrMore,
                                            "aliasguard: finds tensor aliasing bugs");
  if (!Parser) {
    errs() << toString(Parser.takeError());
    return 2;
  }
  // `-p build` without files: every file of the database, sorted by path
  // (the database's own listing order is a hash order).
  // CommonOptionsParser builds no database when no file is named, so list the
  // files here and parse again with them (it resets all options first), which
  // keeps --extra-arg and friends applied exactly as for named files.
  std::vector<std::string> DBFiles;
  std::vector<const char *> Argv(argv, argv + argc);
  if (Parser->getSourcePathList().empty()) {
    auto *BuildPath =
        static_cast<cl::opt<std::string> *>(cl::getRegisteredOptions().lookup("p"));
    if (!BuildPath || BuildPath->empty()) {
      errs() << "error: no input files (name files, or use -p <build dir>)\n";
      return 2;
    }
    std::string Error;
    std::unique_ptr<CompilationDatabase> DB =
        CompilationDatabase::autoDetectFromDirectory(*BuildPath, Error);
    if (!DB) {
      errs() << "error: " << Error << "\n";
      return 2;
    }
    DBFiles = DB->getAllFiles();
    llvm::sort(DBFiles);
    if (DBFiles.empty()) {
      errs() << "error: no files in the compilation database in " << *BuildPath << "\n";
      return 2;
    }
    auto DashDash = llvm::find_if(Argv, [](const char *A) { return StringRef(A) == "--"; });
    std::vector<const char *> Names;
    for (const std::string &F : DBFiles)
      Names.push_back(F.c_str());
    Argv.insert(DashDash, Names.begin(), Names.end());
    int NewArgc = Argv.size();
    Parser = CommonOptionsParser::create(NewArgc, Argv.data(), Category, cl::ZeroOrMore,
                                         "aliasguard: finds tensor aliasing bugs");
    if (!Parser) {
      errs() << toString(Parser.takeError());
      return 2;
    }
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

  // One ClangTool per file: ClangTool::run only says whether some file
  // failed, and the summary and exit code need to know how many did; it is
  // also the unit of parallelism. Each task writes only its own FileResult;
  // Model and Options are shared read-only (analyzeTranslationUnit works on
  // its own copy of the model, whose type cache is per translation unit).
  CompilationDatabase &Compilations = Parser->getCompilations();
  const std::vector<std::string> &Files = Parser->getSourcePathList();
  std::vector<FileResult> Results(Files.size());
  auto CheckFile = [&](size_t I) {
    FileResult &R = Results[I];
    raw_string_ostream Log(R.Log);
    // ClangTool reports a missing compile command straight to stderr; check
    // first so that the message is buffered like the rest.
    SmallString<256> Abs(Files[I]);
    sys::fs::make_absolute(Abs);
    if (Compilations.getCompileCommands(Abs).empty()) {
      Log << "Skipping " << Files[I] << ". Compile command not found.\n";
      R.Failed = true;
      return;
    }
    // A file system of its own: ClangTool changes the working directory to
    // the compile command's, and the default real file system does that to
    // the whole process - a race between parallel files.
    ClangTool Tool(Compilations, {Files[I]}, std::make_shared<PCHContainerOperations>(),
                   vfs::createPhysicalFileSystem());
    Tool.setPrintErrorMessage(false);
    // Driver-level diagnostics (before the invocation exists) are buffered too.
    TextDiagnosticPrinter DriverPrinter(Log, new DiagnosticOptions());
    Tool.setDiagnosticConsumer(&DriverPrinter);
    Tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
        "-resource-dir=" AG_CLANG_RESOURCE_DIR, ArgumentInsertPosition::BEGIN));
    Tool.appendArgumentsAdjuster(getClangSyntaxOnlyAdjuster());
    Factory F(Model, Options, R);
    if (Tool.run(&F) != 0) {
      R.Failed = true;
      Log << "Error while processing " << Abs << ".\n";
    }
  };
  if (Jobs == 1 || Files.size() == 1) {
    for (size_t I = 0; I < Files.size(); ++I)
      CheckFile(I);
  } else {
    DefaultThreadPool Pool(hardware_concurrency(Jobs));
    for (size_t I = 0; I < Files.size(); ++I)
      Pool.async([&CheckFile, I] { CheckFile(I); });
    Pool.wait();
  }
  unsigned Failed = 0, Total = 0;
  for (const FileResult &R : Results) {
    errs() << R.Log;
    Failed += R.Failed;
    Total += R.FindingCount;
  }

  if (Format != OutputFormat::Text) {
    std::vector<aliasguard::ResolvedFinding> All;
    for (FileResult &R : Results)
      std::move(R.Findings.begin(), R.Findings.end(), std::back_inserter(All));
    json::Value Doc = nullptr;
    if (Format == OutputFormat::JSON) {
      Doc = aliasguard::findingsToJSON(All);
    } else {
      aliasguard::SarifOptions SO;
      SO.ToolVersion = AG_VERSION;
      SO.RootDir = SarifRoot;
      Doc = aliasguard::findingsToSARIF(All, SO);
    }
    outs() << formatv("{0:2}", Doc) << "\n";
    outs().flush();
  }

  if (!Quiet) {
    errs() << "aliasguard: " << plural(Total, WarningsAsErrors ? "error" : "warning")
           << " in " << plural(Files.size(), "file");
    if (Failed)
      errs() << " (" << plural(Failed, "file") << " failed to compile)";
    errs() << "\n";
  }
  // A file that did not compile was not checked: that outranks findings in
  // the others, so CI cannot mistake a broken build for a clean one.
  if (Failed)
    return 3;
  return WarningsAsErrors && Total ? 1 : 0;
}
