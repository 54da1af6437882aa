//===- aliasguard.cpp - the standalone checker ----------------------------===//
//
//   aliasguard [-p build] [-j N] [--checks=<globs>] [--model=<yaml>]
//              [--format=text|json|sarif] [--warnings-as-errors] [--quiet]
//              [--export-fixes=<yaml>] [--include=<glob>] [--exclude=<glob>]
//              [--config-file=<yaml>] [--[no-]progress]
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
#include "aliasguard/Config.h"
#include "aliasguard/Frontend.h"
#include "aliasguard/Output.h"
#include "lsp/LanguageServer.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/Timer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <mutex>
#include <set>
#include <tuple>

using namespace clang;
using namespace clang::tooling;
using namespace llvm;

namespace {
cl::OptionCategory Category("aliasguard options");
cl::opt<std::string> Checks("checks",
                            cl::desc("Comma-separated globs of checks to run; a leading '-' "
                                     "disables (like clang-tidy). Default: aliasguard-*"),
                            cl::init("aliasguard-*"), cl::cat(Category));
cl::opt<std::string> ModelFile("model", cl::desc("YAML file extending the tensor API model"),
                               cl::cat(Category));
cl::opt<std::string> HeaderFilter("header-filter",
                                  cl::desc("Also analyse functions in non-system headers "
                                           "whose path matches this regex"),
                                  cl::cat(Category));
cl::opt<bool> WarningsAsErrors("warnings-as-errors",
                               cl::desc("Exit with status 1 when there are findings"),
                               cl::cat(Category));
cl::opt<bool> DumpFacts("dump-facts",
                        cl::desc("Print the analysis' facts of every checked function, block by "
                                 "block, and the state at each test point, on stdout (for "
                                 "debugging the analysis; see docs/design.md)"),
                        cl::cat(Category));
cl::opt<bool> PrintAnalysisStats("print-stats",
                                 cl::desc("Print the analysis time (without parsing) to stderr"),
                                 cl::cat(Category));
enum class OutputFormat { Text, JSON, SARIF };
cl::opt<OutputFormat>
    Format("format", cl::desc("Output format of the findings"), cl::init(OutputFormat::Text),
           cl::values(clEnumValN(OutputFormat::Text, "text",
                                 "clang-style diagnostics on stderr (default)"),
                      clEnumValN(OutputFormat::JSON, "json", "one JSON document on stdout"),
                      clEnumValN(OutputFormat::SARIF, "sarif",
                                 "one SARIF 2.1.0 log on stdout (GitHub code scanning)")),
           cl::cat(Category));
cl::opt<std::string> SarifRoot("sarif-root",
                               cl::desc("Directory SARIF artifact URIs and the baseline "
                                        "fingerprints' file paths are relative to "
                                        "(default: the current directory)"),
                               cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("Do not print the summary line on stderr"),
                    cl::cat(Category));
cl::opt<unsigned> Jobs("j",
                       cl::desc("Number of files checked in parallel (0: all cores; "
                                "output stays in input order)"),
                       cl::init(0), cl::cat(Category));
cl::opt<bool> ListChecks("list-checks", cl::desc("List the checks and exit"), cl::cat(Category));
cl::opt<std::string>
    ExportFixes("export-fixes",
                cl::desc("Write the findings and their fix-its to this YAML file, in clang-tidy's "
                         "format (for clang-apply-replacements)"),
                cl::value_desc("file.yaml"), cl::cat(Category));
cl::opt<bool> Progress("progress",
                       cl::desc("Show a progress line on stderr even when it is not a "
                                "terminal (default: only on a terminal)"),
                       cl::cat(Category));
cl::opt<bool> NoProgress("no-progress", cl::desc("Never show the progress line"),
                         cl::cat(Category));
cl::list<std::string>
    IncludeFiles("include",
                 cl::desc("Check only input files matching this glob (repeatable; matched against "
                          "the absolute path and the path relative to the current directory)"),
                 cl::value_desc("glob"), cl::cat(Category));
cl::list<std::string> ExcludeFiles("exclude",
                                   cl::desc("Skip input files matching this glob "
                                            "(repeatable; wins over --include)"),
                                   cl::value_desc("glob"), cl::cat(Category));
cl::opt<std::string>
    ConfigFile("config-file",
               cl::desc("Use this configuration file for every input instead of the nearest "
                        ".aliasguard.yaml / .clang-tidy"),
               cl::value_desc("file.yaml"), cl::cat(Category));
cl::opt<std::string>
    BaselineFile("baseline",
                 cl::desc("Report only findings that are not in this earlier --format=json or "
                          "--format=sarif output (matched by fingerprint, so unrelated edits "
                          "do not bring them back)"),
                 cl::value_desc("file"), cl::cat(Category));

cl::opt<std::string>
    Shard("shard",
          cl::desc("Check only shard K of N (1 <= K <= N) of the input files: a deterministic "
                   "split balanced by file size, for parallel CI jobs"),
          cl::value_desc("K/N"), cl::cat(Category));

/// --shard's K and N; an error says what is wrong with the value.
Expected<std::pair<unsigned, unsigned>> parseShard(StringRef Value) {
  auto [KText, NText] = Value.split('/');
  unsigned K = 0, N = 0;
  if (KText.getAsInteger(10, K) || NText.getAsInteger(10, N) || N == 0 || K == 0 || K > N)
    return createStringError(inconvertibleErrorCode(),
                             "--shard=%s: expected K/N with 1 <= K <= N (e.g. --shard=2/4)",
                             Value.str().c_str());
  return std::make_pair(K, N);
}

/// The files of shard \p K of \p N: largest first, each to the shard with
/// the fewest bytes so far (the lowest-numbered on a tie), so every job
/// computes the same split and the shards' sizes stay close.
std::vector<std::string> shardFiles(const std::vector<std::string> &Files, unsigned K, unsigned N) {
  std::vector<std::pair<uint64_t, std::string>> BySize;
  for (const std::string &F : Files) {
    uint64_t Size = 0;
    if (sys::fs::file_size(F, Size))
      Size = 0; // a missing file fails in whichever shard gets it
    BySize.push_back({Size, F});
  }
  llvm::sort(BySize, [](const auto &A, const auto &B) {
    return A.first != B.first ? A.first > B.first : A.second < B.second;
  });
  std::vector<uint64_t> Load(N, 0);
  std::vector<std::string> Mine;
  for (const auto &[Size, F] : BySize) {
    unsigned Least = std::min_element(Load.begin(), Load.end()) - Load.begin();
    Load[Least] += Size + 1;
    if (Least + 1 == K)
      Mine.push_back(F);
  }
  // Input order within the shard, as without --shard.
  llvm::sort(Mine, [&](const std::string &A, const std::string &B) {
    return llvm::find(Files, A) < llvm::find(Files, B);
  });
  return Mine;
}

/// The fingerprints of --baseline, each as often as it occurs there: a
/// finding it has is suppressed (one occurrence each). Shared by the files
/// checked in parallel.
struct Baseline {
  std::mutex Mutex;
  StringMap<unsigned> Remaining;
  unsigned Suppressed = 0;

  bool suppresses(const std::string &Fingerprint) {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = Remaining.find(Fingerprint);
    if (It == Remaining.end() || It->second == 0)
      return false;
    --It->second;
    ++Suppressed;
    return true;
  }
};
std::unique_ptr<Baseline> TheBaseline;

/// The flags the user gave; what they leave unset, each file's
/// configuration decides.
aliasguard::ToolOptions toolOptions() {
  aliasguard::ToolOptions O;
  if (Checks.getNumOccurrences())
    O.Checks = Checks;
  if (ModelFile.getNumOccurrences())
    O.ModelFile = ModelFile;
  if (HeaderFilter.getNumOccurrences())
    O.HeaderFilter = HeaderFilter;
  if (WarningsAsErrors.getNumOccurrences())
    O.WarningsAsErrors = WarningsAsErrors;
  O.ConfigFile = ConfigFile;
  return O;
}

/// What one input file produced; structured formats collect the findings
/// here because the SourceManager is gone once the file is done.
struct FileResult {
  /// Everything the file printed to stderr, written out whole once the file
  /// is done so that parallel runs print exactly what a serial run does.
  std::string Log;
  bool Failed = false;
  /// Why the file was not analysed (when Failed), for the JSON and SARIF
  /// outputs.
  aliasguard::FileFailure Failure;
  unsigned FindingCount = 0;
  std::vector<aliasguard::ResolvedFinding> Findings;
  /// The file's settings: the command line over its configuration file.
  aliasguard::FileSettings Settings;
  /// The compile command's directory (the BuildDirectory of exported fixes).
  std::string BuildDirectory;
};

/// The directory the baseline fingerprints' file paths are relative to.
StringRef fingerprintRoot() {
  static const std::string Root = [] {
    if (!SarifRoot.empty())
      return std::string(SarifRoot);
    SmallString<256> Cwd;
    return sys::fs::current_path(Cwd) ? std::string() : std::string(Cwd);
  }();
  return Root;
}

/// Passes clang's diagnostics on to \p Next and keeps the first error, the
/// reason given for a file that does not compile.
class FirstErrorRecorder : public DiagnosticConsumer {
public:
  explicit FirstErrorRecorder(DiagnosticConsumer &Next) : Next(Next) {}
  void BeginSourceFile(const LangOptions &LO, const Preprocessor *PP) override {
    LangOpts = &LO;
    Next.BeginSourceFile(LO, PP);
  }
  void EndSourceFile() override {
    LangOpts = nullptr;
    Next.EndSourceFile();
  }
  void finish() override { Next.finish(); }
  bool IncludeInDiagnosticCounts() const override { return Next.IncludeInDiagnosticCounts(); }
  void HandleDiagnostic(DiagnosticsEngine::Level Level, const clang::Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    Next.HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error || !First.empty())
      return;
    SmallString<256> Message;
    Info.FormatDiagnostic(Message);
    First = std::string(Message);
    if (Info.hasSourceManager() && Info.getLocation().isValid())
      Where = aliasguard::resolveLocation(Info.getLocation(), Info.getSourceManager(), LangOpts);
  }

  std::string First;
  aliasguard::ResolvedLocation Where;

private:
  DiagnosticConsumer &Next;
  const LangOptions *LangOpts = nullptr;
};

/// The analysis of one parsed file: findings to the file's log as clang
/// diagnostics, or kept resolved for the structured formats.
void checkAST(ASTContext &Ctx, CompilerInstance &CI, FileResult &Result) {
  DiagnosticsEngine &Diags = CI.getDiagnostics();
  unsigned WarningID = Diags.getCustomDiagID(DiagnosticsEngine::Warning, "%0 [%1]");
  unsigned NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
  TimeRecord Start = TimeRecord::getCurrentTime(/*Start=*/true);
  const aliasguard::FileSettings &S = Result.Settings;
  if (DumpFacts)
    aliasguard::dumpFacts(Ctx, *S.Model, S.Analysis, outs());
  std::vector<aliasguard::Finding> Findings =
      aliasguard::analyzeTranslationUnit(Ctx, *S.Model, S.Analysis);
  if (PrintAnalysisStats) {
    TimeRecord Elapsed = TimeRecord::getCurrentTime(/*Start=*/false);
    Elapsed -= Start;
    raw_string_ostream(Result.Log)
        << "aliasguard: analysis " << format("%.3f", Elapsed.getWallTime()) << " s, "
        << Findings.size() << " findings\n";
  }
  bool Structured = Format != OutputFormat::Text || !ExportFixes.empty();
  std::vector<std::string> Fingerprints;
  if (TheBaseline || Structured) {
    for (const aliasguard::Finding &F : Findings)
      Fingerprints.push_back(aliasguard::findingFingerprint(F, Ctx, fingerprintRoot()));
  }
  if (TheBaseline) {
    std::vector<aliasguard::Finding> New;
    std::vector<std::string> NewFingerprints;
    for (size_t I = 0; I < Findings.size(); ++I)
      if (!TheBaseline->suppresses(Fingerprints[I])) {
        New.push_back(std::move(Findings[I]));
        NewFingerprints.push_back(std::move(Fingerprints[I]));
      }
    Findings = std::move(New);
    Fingerprints = std::move(NewFingerprints);
  }
  Result.FindingCount += Findings.size();
  if (Structured) {
    aliasguard::Severity Level =
        S.WarningsAsErrors ? aliasguard::Severity::Error : aliasguard::Severity::Warning;
    for (size_t I = 0; I < Findings.size(); ++I) {
      Result.Findings.push_back(aliasguard::resolveFinding(Findings[I], Ctx.getSourceManager(),
                                                           Ctx.getLangOpts(), Level));
      Result.Findings.back().Fingerprint = Fingerprints[I];
    }
  }
  if (Format != OutputFormat::Text)
    return;
  for (const aliasguard::Finding &F : Findings)
    aliasguard::emitFinding(
        F, [&](SourceLocation Loc, StringRef Message, DiagnosticIDs::Level Level) {
          if (Level == DiagnosticIDs::Note)
            return Diags.Report(Loc, NoteID) << Message;
          return Diags.Report(Loc, WarningID) << Message << aliasguard::checkName(F.Check);
        });
}

std::string plural(unsigned N, StringRef Noun) {
  return (Twine(N) + " " + Noun + (N == 1 ? "" : "s")).str();
}

std::string absolutePath(StringRef Path) {
  SmallString<256> Abs(Path);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

/// \p Abs relative to \p Dir when it lies below it, else "".
StringRef relativeTo(StringRef Abs, StringRef Dir) {
  if (Dir.empty() || !Abs.consume_front(Dir))
    return "";
  if (Abs.consume_front("/") || Dir.ends_with("/"))
    return Abs;
  return "";
}

/// --include / --exclude: a file is checked when it matches some --include
/// (or there is none) and no --exclude, by its absolute path or its path
/// relative to the current directory.
class FileFilter {
public:
  Error init() {
    for (auto [Globs, Patterns] :
         {std::pair(&IncludeFiles, &Includes), std::pair(&ExcludeFiles, &Excludes)})
      for (const std::string &Glob : *Globs) {
        // Brace alternatives, `{third_party,gen}/*`, as in clang-tidy's globs.
        Expected<GlobPattern> P = GlobPattern::create(Glob, /*MaxSubPatterns=*/1024);
        if (!P)
          return createStringError(inconvertibleErrorCode(),
                                   Twine("invalid --") +
                                       (Globs == &IncludeFiles ? "include" : "exclude") +
                                       " glob '" + Glob + "': " + toString(P.takeError()));
        Patterns->push_back(std::move(*P));
      }
    sys::fs::current_path(Cwd);
    return Error::success();
  }
  bool selects(StringRef File) const {
    std::string Abs = absolutePath(File);
    StringRef Rel = relativeTo(Abs, Cwd);
    auto Matches = [&](const std::vector<GlobPattern> &Patterns) {
      return llvm::any_of(Patterns, [&](const GlobPattern &P) {
        return P.match(Abs) || (!Rel.empty() && P.match(Rel));
      });
    };
    return (Includes.empty() || Matches(Includes)) && !Matches(Excludes);
  }

private:
  std::vector<GlobPattern> Includes, Excludes;
  SmallString<256> Cwd;
};

/// The `[3/12] checking foo.cpp` line, redrawn in place with \r and erased
/// at the end; on a terminal only, unless forced with --progress.
class ProgressLine {
public:
  ProgressLine(bool Enabled, size_t Total) : Enabled(Enabled), Total(Total) {
    sys::fs::current_path(Cwd);
  }
  void start(StringRef File) {
    if (!Enabled)
      return;
    std::lock_guard<std::mutex> Lock(Mutex);
    std::string Abs = absolutePath(File);
    StringRef Name = relativeTo(Abs, Cwd);
    std::string Line = formatv("[{0}/{1}] checking ", ++Started, Total).str();
    Line += Name.empty() ? StringRef(Abs) : Name;
    // A line longer than the terminal would wrap and \r could not redraw it;
    // keep the end of the path, which names the file.
    size_t Keep = Line.find("checking ") + 9;
    unsigned Columns = sys::Process::StandardErrColumns();
    if (Line.size() >= Columns && Columns > Keep + 3 + 10)
      Line = Line.substr(0, Keep) + "..." + Line.substr(Line.size() - (Columns - 1 - Keep - 3));
    draw(Line);
  }
  void finish() {
    if (!Enabled || !Width)
      return;
    std::lock_guard<std::mutex> Lock(Mutex);
    draw("");
    errs() << '\r';
    errs().flush();
  }

private:
  void draw(StringRef Line) {
    errs() << '\r' << Line;
    if (Line.size() < Width)
      errs().indent(Width - Line.size());
    Width = Line.size();
    errs().flush();
  }
  bool Enabled;
  size_t Total;
  unsigned Started = 0;
  size_t Width = 0;
  std::mutex Mutex;
  SmallString<256> Cwd;
};

/// clang-tidy's --export-fixes document: one TranslationUnitDiagnostics for
/// the whole run, diagnostics in input-file order. A finding in a header
/// reached from several files is exported once, as clang-tidy does within a
/// run: clang-apply-replacements merges duplicates only across documents, so
/// within one it would insert the same fix twice.
tooling::TranslationUnitDiagnostics exportedFixes(StringRef MainSourceFile,
                                                  ArrayRef<FileResult> Results) {
  tooling::TranslationUnitDiagnostics TUD;
  TUD.MainSourceFile = MainSourceFile.str();
  std::set<std::tuple<aliasguard::CheckKind, std::string, unsigned, std::string>> Seen;
  for (const FileResult &R : Results)
    for (const aliasguard::ResolvedFinding &F : R.Findings) {
      if (!Seen.emplace(F.Check, F.Loc.File, F.Loc.Offset, F.Message).second)
        continue;
      tooling::DiagnosticMessage Message(F.Message);
      Message.FilePath = F.Loc.File;
      Message.FileOffset = F.Loc.Offset;
      for (const aliasguard::ResolvedFixIt &X : F.FixIts)
        if (Error E = Message.Fix[X.Begin.File].add(
                tooling::Replacement(X.Begin.File, X.Begin.Offset, X.Length, X.Replacement)))
          errs() << "warning: fix-it of " << F.Loc.File << ":" << F.Loc.Line << ":" << F.Loc.Column
                 << " not exported: " << toString(std::move(E)) << "\n";
      SmallVector<tooling::DiagnosticMessage, 1> Notes;
      for (const aliasguard::ResolvedNote &N : F.Notes) {
        tooling::DiagnosticMessage Note(N.Message);
        Note.FilePath = N.Loc.File;
        Note.FileOffset = N.Loc.Offset;
        Notes.push_back(std::move(Note));
      }
      TUD.Diagnostics.emplace_back(aliasguard::checkName(F.Check), Message, Notes,
                                   F.Level == aliasguard::Severity::Error
                                       ? tooling::Diagnostic::Error
                                       : tooling::Diagnostic::Warning,
                                   R.BuildDirectory);
    }
  return TUD;
}
} // namespace

namespace {
// `--lsp`: serve the Language Server Protocol on stdin/stdout (tool/lsp).
cl::opt<bool> LSPMode("lsp",
                      cl::desc("Run as a Language Server (JSON-RPC on stdin/stdout) for "
                               "editors; flags after -- are the fallback compile flags"),
                      cl::cat(Category));
cl::opt<bool> LSPLitTest("lit-test",
                         cl::desc("With --lsp: messages without Content-Length, separated "
                                  "by '---' lines; pretty output; implies --lsp-sync"),
                         cl::cat(Category));
cl::opt<bool> LSPSync("lsp-sync",
                      cl::desc("With --lsp: finish all queued analyses before reading "
                               "the next message (deterministic output order, for tests)"),
                      cl::cat(Category));
cl::opt<unsigned> LSPDebounceMs("lsp-debounce-ms",
                                cl::desc("With --lsp: analyse a document this long after its "
                                         "last change (default 300)"),
                                cl::init(300), cl::cat(Category));
cl::opt<aliasguard::lsp::LogLevel> LSPLog(
    "lsp-log", cl::desc("With --lsp: what to log on stderr"),
    cl::init(aliasguard::lsp::LogLevel::Info),
    cl::values(clEnumValN(aliasguard::lsp::LogLevel::Error, "error", "errors only"),
               clEnumValN(aliasguard::lsp::LogLevel::Info, "info", "also the server's actions"),
               clEnumValN(aliasguard::lsp::LogLevel::Verbose, "verbose",
                          "also every message and compile command")),
    cl::cat(Category));

int runLanguageServerMode(CommonOptionsParser &Parser, const char **argv) {
  if (!Parser.getSourcePathList().empty()) {
    errs() << "error: --lsp takes no input files (the editor opens them)\n";
    return 2;
  }
  Expected<std::unique_ptr<aliasguard::SettingsResolver>> Resolver =
      aliasguard::SettingsResolver::create(toolOptions());
  if (!Resolver) {
    errs() << toString(Resolver.takeError()) << "\n";
    return 2;
  }
  aliasguard::lsp::ServerOptions SO;
  SO.Input =
      LSPLitTest ? aliasguard::lsp::InputStyle::Delimited : aliasguard::lsp::InputStyle::Standard;
  SO.Pretty = LSPLitTest;
  SO.Sync = LSPSync.getNumOccurrences() ? LSPSync : LSPLitTest;
  SO.DebounceMs = LSPDebounceMs;
  SO.Workers = Jobs;
  SO.Version = AG_VERSION;
  SO.Log = LSPLog;
  SO.Analysis.ResourceDir = AG_CLANG_RESOURCE_DIR;
  if (auto *BuildPath = static_cast<cl::opt<std::string> *>(cl::getRegisteredOptions().lookup("p")))
    SO.Analysis.CompileCommandsDir = *BuildPath;
  // argv itself is intact (the parser only shortened argc): the flags after
  // "--" are the fallback compile flags.
  for (const char **A = argv + 1; *A; ++A)
    if (StringRef(*A) == "--") {
      for (++A; *A; ++A)
        SO.Analysis.FallbackFlags.push_back(*A);
      break;
    }
  return aliasguard::lsp::runLanguageServer(**Resolver, SO);
}
} // namespace

/// What is wrong with the compilation database of `-p DIR` / `-p=DIR`
/// (before `--`), if it is a compile_commands.json: unreadable, not a JSON
/// compilation database, or without any command.
static std::optional<std::string> checkBuildPath(int argc, const char **argv) {
  std::string Dir;
  for (int I = 1; I < argc; ++I) {
    StringRef A(argv[I]);
    if (A == "--")
      break;
    if ((A == "-p" || A == "--p") && I + 1 < argc)
      Dir = argv[++I];
    else if (A.consume_front("-p=") || A.consume_front("--p="))
      Dir = A.str();
  }
  if (Dir.empty())
    return std::nullopt;
  SmallString<256> File(Dir);
  if (!sys::fs::is_directory(Dir) && sys::path::filename(Dir) == "compile_commands.json")
    File = Dir;
  else
    sys::path::append(File, "compile_commands.json");
  if (!sys::fs::exists(File))
    return std::nullopt; // other databases (compile_flags.txt): the parser's to find
  std::string Error;
  std::unique_ptr<CompilationDatabase> DB =
      JSONCompilationDatabase::loadFromFile(File, Error, JSONCommandLineSyntax::AutoDetect);
  if (!DB)
    return ("invalid compilation database " + File + ": " + Error).str();
  if (DB->getAllCompileCommands().empty())
    return ("the compilation database " + File + " has no compile commands").str();
  return std::nullopt;
}

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "aliasguard " << AG_VERSION << " (built with LLVM " << LLVM_VERSION_STRING << ")\n";
  });
  for (int I = 1; I < argc; ++I)
    if (StringRef(argv[I]) == "--list-checks" || StringRef(argv[I]) == "-list-checks") {
      for (aliasguard::CheckKind K : aliasguard::allChecks())
        outs() << aliasguard::checkName(K) << "\n";
      return 0;
    }
  // A broken or empty compile_commands.json under -p: one clear error
  // before anything else (CommonOptionsParser would print a page about
  // every kind of database it tried, then carry on without flags).
  if (std::optional<std::string> Error = checkBuildPath(argc, argv)) {
    errs() << "error: " << *Error << "\n";
    return 2;
  }
  auto Parser = CommonOptionsParser::create(argc, argv, Category, cl::ZeroOrMore,
                                            "aliasguard: finds tensor aliasing bugs");
  if (!Parser) {
    errs() << toString(Parser.takeError());
    return 2;
  }
  if (LSPMode)
    return runLanguageServerMode(*Parser, argv);
  if (LSPLitTest.getNumOccurrences() || LSPSync.getNumOccurrences() ||
      LSPDebounceMs.getNumOccurrences() || LSPLog.getNumOccurrences()) {
    errs() << "error: --lit-test, --lsp-sync, --lsp-debounce-ms and --lsp-log need --lsp\n";
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
    auto *BuildPath = static_cast<cl::opt<std::string> *>(cl::getRegisteredOptions().lookup("p"));
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

  // Everything a user can get wrong is rejected here, before any file is
  // compiled (exit code 2).
  Expected<std::unique_ptr<aliasguard::SettingsResolver>> Resolver =
      aliasguard::SettingsResolver::create(toolOptions());
  if (!Resolver) {
    errs() << toString(Resolver.takeError()) << "\n";
    return 2;
  }
  std::optional<std::pair<unsigned, unsigned>> ShardSpec;
  if (Shard.getNumOccurrences()) {
    Expected<std::pair<unsigned, unsigned>> Parsed = parseShard(Shard);
    if (!Parsed) {
      errs() << "error: " << toString(Parsed.takeError()) << "\n";
      return 2;
    }
    ShardSpec = *Parsed;
  }
  if (!BaselineFile.empty()) {
    Expected<std::vector<std::string>> Fingerprints =
        aliasguard::readBaselineFingerprints(BaselineFile);
    if (!Fingerprints) {
      errs() << "error: " << toString(Fingerprints.takeError()) << "\n";
      return 2;
    }
    TheBaseline = std::make_unique<Baseline>();
    for (const std::string &F : *Fingerprints)
      ++TheBaseline->Remaining[F];
  }
  FileFilter Filter;
  if (Error E = Filter.init()) {
    errs() << "error: " << toString(std::move(E)) << "\n";
    return 2;
  }
  std::vector<std::string> Files;
  for (const std::string &F : Parser->getSourcePathList())
    if (Filter.selects(F))
      Files.push_back(F);
  if (Files.empty()) {
    errs() << "error: no input files left after --include/--exclude\n";
    return 2;
  }
  if (ShardSpec) {
    Files = shardFiles(Files, ShardSpec->first, ShardSpec->second);
    if (Files.empty()) {
      // More shards than files: this job has nothing to do, which is no error.
      if (!Quiet)
        errs() << "aliasguard: shard " << ShardSpec->first << " of " << ShardSpec->second
               << " has no files\n";
      if (Format != OutputFormat::Text) {
        aliasguard::SarifOptions SO;
        SO.ToolVersion = AG_VERSION;
        SO.RootDir = SarifRoot;
        SO.AutomationId =
            formatv("aliasguard/shard-{0}-of-{1}", ShardSpec->first, ShardSpec->second);
        json::Value Doc = Format == OutputFormat::JSON ? aliasguard::findingsToJSON({})
                                                       : aliasguard::findingsToSARIF({}, SO);
        outs() << formatv("{0:2}", Doc) << "\n";
      }
      return 0;
    }
  }
  std::unique_ptr<raw_fd_ostream> FixesOS;
  if (!ExportFixes.empty()) {
    std::error_code EC;
    FixesOS = std::make_unique<raw_fd_ostream>(ExportFixes, EC, sys::fs::OF_Text);
    if (EC) {
      errs() << "error: cannot write --export-fixes file '" << ExportFixes << "': " << EC.message()
             << "\n";
      return 2;
    }
  }

  // Each file's settings: a command-line flag wins over the file's
  // configuration (--config-file, or the nearest .aliasguard.yaml /
  // .clang-tidy), which wins over the defaults.
  std::vector<FileResult> Results(Files.size());
  for (size_t I = 0; I < Files.size(); ++I) {
    Expected<aliasguard::FileSettings> Settings = (*Resolver)->settingsFor(absolutePath(Files[I]));
    if (!Settings) {
      errs() << toString(Settings.takeError()) << "\n";
      return 2;
    }
    Results[I].Settings = std::move(*Settings);
  }

  // One ClangTool per file: ClangTool::run only says whether some file
  // failed, and the summary and exit code need to know how many did; it is
  // also the unit of parallelism. Each task writes only its own FileResult;
  // the models are shared read-only (analyzeTranslationUnit works on its own
  // copy of the model, whose type cache is per translation unit).
  CompilationDatabase &Compilations = Parser->getCompilations();
  ProgressLine Progressing(!NoProgress && (Progress || sys::Process::StandardErrIsDisplayed()),
                           Files.size());
  auto CheckFile = [&](size_t I) {
    FileResult &R = Results[I];
    Progressing.start(Files[I]);
    if (R.Settings.NoCheckEnabled)
      return;
    raw_string_ostream Log(R.Log);
    // ClangTool reports a missing compile command straight to stderr; check
    // first so that the message is buffered like the rest.
    std::string Abs = absolutePath(Files[I]);
    // A missing file: one line, not clang's three and ClangTool's fourth.
    R.Failure.File = Abs;
    if (!sys::fs::exists(Abs)) {
      Log << "error: input file '" << Files[I] << "' does not exist\n";
      R.Failed = true;
      R.Failure.Message = "not analysed: the file does not exist";
      return;
    }
    std::vector<CompileCommand> Commands = Compilations.getCompileCommands(Abs);
    if (Commands.empty()) {
      Log << "Skipping " << Files[I] << ". Compile command not found.\n";
      R.Failed = true;
      R.Failure.Message = "not analysed: the compilation database has no command for it";
      return;
    }
    R.BuildDirectory = absolutePath(Commands.front().Directory);
    // Driver-level diagnostics (before the invocation exists) are buffered
    // too; the compiler's follow the invocation's options (-fno-color-...).
    TextDiagnosticPrinter DriverPrinter(Log, new DiagnosticOptions());
    FirstErrorRecorder DriverErrors(DriverPrinter);
    std::unique_ptr<TextDiagnosticPrinter> Printer;
    std::unique_ptr<FirstErrorRecorder> Errors;
    aliasguard::FileRun Run;
    Run.Commands = &Compilations;
    Run.File = Files[I];
    Run.ResourceDir = AG_CLANG_RESOURCE_DIR;
    Run.DriverDiagnostics = &DriverErrors;
    Run.VerboseOutput = &Log;
    Run.CompilerDiagnostics = [&](const CompilerInvocation &Invocation) {
      Log.enable_colors(errs().has_colors());
      // (The printer takes shared ownership of the options it is given.)
      Printer = std::make_unique<TextDiagnosticPrinter>(
          Log, new DiagnosticOptions(Invocation.getDiagnosticOpts()));
      Errors = std::make_unique<FirstErrorRecorder>(*Printer);
      return Errors.get();
    };
    if (!aliasguard::runOnFile(
            Run, [&](ASTContext &Ctx, CompilerInstance &CI) { checkAST(Ctx, CI, R); })) {
      R.Failed = true;
      Log << "Error while processing " << Abs << ".\n";
      FirstErrorRecorder *Recorded =
          Errors && !Errors->First.empty() ? Errors.get() : &DriverErrors;
      if (Recorded->First.empty()) {
        R.Failure.Message = "not analysed: clang could not process it";
      } else {
        R.Failure.Message = "not analysed: it does not compile: " + Recorded->First;
        R.Failure.Where = Recorded->Where;
      }
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
  Progressing.finish();
  unsigned Failed = 0, Skipped = 0, Errors = 0, Warnings = 0;
  bool AnyWarningsAsErrors = false;
  for (const FileResult &R : Results) {
    errs() << R.Log;
    Failed += R.Failed;
    Skipped += R.Settings.NoCheckEnabled;
    (R.Settings.WarningsAsErrors ? Errors : Warnings) += R.FindingCount;
    AnyWarningsAsErrors |= R.Settings.WarningsAsErrors && !R.Settings.NoCheckEnabled;
  }

  if (FixesOS) {
    tooling::TranslationUnitDiagnostics TUD = exportedFixes(absolutePath(Files.front()), Results);
    yaml::Output YAML(*FixesOS);
    YAML << TUD;
    FixesOS->close();
    if (FixesOS->has_error()) {
      errs() << "error: cannot write --export-fixes file '" << ExportFixes
             << "': " << FixesOS->error().message() << "\n";
      FixesOS->clear_error();
      return 2;
    }
  }

  if (Format != OutputFormat::Text) {
    std::vector<aliasguard::ResolvedFinding> All;
    std::vector<aliasguard::FileFailure> Failures;
    for (FileResult &R : Results) {
      std::move(R.Findings.begin(), R.Findings.end(), std::back_inserter(All));
      if (R.Failed)
        Failures.push_back(std::move(R.Failure));
    }
    json::Value Doc = nullptr;
    if (Format == OutputFormat::JSON) {
      Doc = aliasguard::findingsToJSON(All, Failures);
    } else {
      aliasguard::SarifOptions SO;
      SO.ToolVersion = AG_VERSION;
      SO.RootDir = SarifRoot;
      if (ShardSpec)
        SO.AutomationId =
            formatv("aliasguard/shard-{0}-of-{1}", ShardSpec->first, ShardSpec->second);
      Doc = aliasguard::findingsToSARIF(All, SO, Failures);
    }
    outs() << formatv("{0:2}", Doc) << "\n";
    outs().flush();
  }

  if (!Quiet) {
    errs() << "aliasguard: ";
    if (Errors && Warnings)
      errs() << plural(Errors, "error") << " and " << plural(Warnings, "warning");
    else if (Errors || (!Warnings && AnyWarningsAsErrors))
      errs() << plural(Errors, "error");
    else
      errs() << plural(Warnings, "warning");
    errs() << " in " << plural(Files.size(), "file");
    if (Failed)
      errs() << " (" << plural(Failed, "file") << " failed to compile)";
    if (Skipped)
      errs() << " (" << plural(Skipped, "file") << " skipped: no check enabled)";
    if (TheBaseline)
      errs() << " (" << plural(TheBaseline->Suppressed, "finding") << " in the baseline)";
    errs() << "\n";
  }
  // A file that did not compile was not checked: that outranks findings in
  // the others, so CI cannot mistake a broken build for a clean one.
  if (Failed)
    return 3;
  return Errors ? 1 : 0;
}
