//===- lsp/Analyzer.cpp - one analysis of an editor buffer ----------------===//
#include "lsp/Analyzer.h"

#include "aliasguard/Output.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CallGraph.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/Utils.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/xxhash.h"

#include <chrono>
#include <map>

using namespace clang;
using namespace clang::tooling;
using namespace llvm;

namespace aliasguard::lsp {

namespace {

/// Source locations -> (file, LSP range), with one line index per file.
class PositionMapper {
public:
  PositionMapper(const SourceManager &SM, const LangOptions *LangOpts, StringRef MainPath,
                 OffsetEncoding Enc)
      : SM(SM), LangOpts(LangOpts), MainPath(MainPath), Enc(Enc) {}

  const SourceManager &sourceManager() const { return SM; }

  /// The file a location is written in (macro expansions: where used).
  std::optional<std::string> path(FileID FID) {
    if (FID == SM.getMainFileID())
      return MainPath.str();
    OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
    if (!FE)
      return std::nullopt;
    SmallString<256> P(FE->getName());
    SM.getFileManager().makeAbsolutePath(P);
    sys::path::remove_dots(P, /*remove_dot_dot=*/true);
    return std::string(P);
  }

  Position position(FileID FID, unsigned Offset) {
    std::unique_ptr<LineIndex> &Index = Indexes[FID];
    if (!Index)
      Index = std::make_unique<LineIndex>(SM.getBufferData(FID));
    return Index->position(Offset, Enc);
  }

  /// The token at \p Loc (a point when the token cannot be measured).
  std::optional<FileRange> tokenRange(SourceLocation Loc) {
    if (Loc.isInvalid())
      return std::nullopt;
    Loc = SM.getFileLoc(Loc);
    auto [FID, Offset] = SM.getDecomposedLoc(Loc);
    std::optional<std::string> File = path(FID);
    if (!File)
      return std::nullopt;
    unsigned Length = LangOpts ? Lexer::MeasureTokenLength(Loc, SM, *LangOpts) : 0;
    FileRange R;
    R.File = std::move(*File);
    R.R.Start = position(FID, Offset);
    R.R.End = position(FID, Offset + Length);
    return R;
  }

  /// A range of a file the analysis resolved (ResolvedLocation), in this
  /// encoding; null when the file is not one the compiler read.
  std::optional<FileRange> range(const ResolvedLocation &L, unsigned Length) {
    if (!L.valid())
      return std::nullopt;
    FileID FID = fileOf(L.File);
    if (FID.isInvalid())
      return std::nullopt;
    FileRange R;
    R.File = L.File;
    R.R.Start = position(FID, L.Offset);
    R.R.End = position(FID, L.Offset + Length);
    return R;
  }

  /// The \p Length bytes at \p L (a file range() accepted).
  StringRef text(const ResolvedLocation &L, unsigned Length) {
    return SM.getBufferData(fileOf(L.File)).substr(L.Offset, Length);
  }

private:
  FileID fileOf(StringRef Path) {
    if (Path == MainPath)
      return SM.getMainFileID();
    auto [It, Inserted] = ByPath.try_emplace(Path);
    if (Inserted)
      if (auto FE = SM.getFileManager().getOptionalFileRef(Path))
        It->second = SM.translateFile(*FE);
    return It->second;
  }

  const SourceManager &SM;
  const LangOptions *LangOpts;
  StringRef MainPath;
  OffsetEncoding Enc;
  std::map<FileID, std::unique_ptr<LineIndex>> Indexes;
  StringMap<FileID> ByPath;
};

/// clang's errors, placed in the main file (an error in a header is shown at
/// the #include that leads to it).
class ErrorCollector : public DiagnosticConsumer {
public:
  using Error = CompileError;

  ErrorCollector(StringRef MainPath, OffsetEncoding Enc) : MainPath(MainPath), Enc(Enc) {}

  // A mapper belongs to one source manager and language: start afresh.
  void BeginSourceFile(const LangOptions &LO, const Preprocessor *) override {
    LangOpts = &LO;
    Mapper.reset();
  }
  void EndSourceFile() override {
    LangOpts = nullptr;
    Mapper.reset();
  }

  void HandleDiagnostic(DiagnosticsEngine::Level Level, const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error)
      return;
    Error E;
    SmallString<256> Message;
    Info.FormatDiagnostic(Message);
    E.Message = E.Original = std::string(Message);
    if (Info.getLocation().isValid() && Info.hasSourceManager()) {
      const SourceManager &SM = Info.getSourceManager();
      if (!Mapper || &Mapper->sourceManager() != &SM)
        Mapper = std::make_unique<PositionMapper>(SM, LangOpts, MainPath, Enc);
      SourceLocation Loc = SM.getFileLoc(Info.getLocation());
      E.Actual = Mapper->tokenRange(Loc);
      // Walk the include stack up to the main file.
      FileID FID = SM.getFileID(Loc);
      while (FID.isValid() && FID != SM.getMainFileID()) {
        SourceLocation IncludeLoc = SM.getIncludeLoc(FID);
        if (IncludeLoc.isInvalid())
          break;
        Loc = SM.getFileLoc(IncludeLoc);
        FID = SM.getFileID(Loc);
      }
      if (FID == SM.getMainFileID()) {
        if (std::optional<FileRange> Main = Mapper->tokenRange(Loc))
          E.MainRange = Main->R;
        if (Loc == SM.getFileLoc(Info.getLocation()))
          E.Actual.reset();
        else
          E.Message = "in included file: " + E.Message;
      }
    }
    Errors.push_back(std::move(E));
  }

  std::vector<Error> Errors;

private:
  StringRef MainPath;
  OffsetEncoding Enc;
  const LangOptions *LangOpts = nullptr;
  std::unique_ptr<PositionMapper> Mapper;
};

std::string fixTitle(const std::vector<FixEdit> &Fixes, ArrayRef<StringRef> Removed) {
  if (Fixes.size() != 1)
    return formatv("apply {0} fix-its", Fixes.size()).str();
  const std::string &New = Fixes.front().NewText;
  if (Removed.front().empty())
    return ("insert '" + Twine(New) + "'").str();
  if (New.empty())
    return ("remove '" + Removed.front() + "'").str();
  return ("change '" + Removed.front() + "' to '" + Twine(New) + "'").str();
}

/// The findings of an analysed document as LSP diagnostics: those in the
/// document itself (a header's findings belong to the header's analysis,
/// where the editor can show them), with notes and fix edits.
void publishFindings(ArrayRef<Finding> Findings, ASTContext &Ctx, StringRef MainPath,
                     OffsetEncoding Enc, bool WarningsAsErrors, AnalysisResult &Result) {
  const SourceManager &SM = Ctx.getSourceManager();
  PositionMapper Map(SM, &Ctx.getLangOpts(), MainPath, Enc);
  for (const Finding &F : Findings) {
    ResolvedFinding RF = resolveFinding(F, SM, Ctx.getLangOpts());
    if (RF.Loc.File != MainPath)
      continue;
    std::optional<FileRange> Where = Map.range(RF.Loc, RF.Loc.TokenLength);
    if (!Where)
      continue;
    AnalysedDiagnostic D;
    D.R = Where->R;
    D.IsError = WarningsAsErrors;
    D.Code = checkName(F.Check).str();
    D.Message = RF.Message;
    for (const ResolvedNote &N : RF.Notes)
      if (std::optional<FileRange> NoteAt = Map.range(N.Loc, N.Loc.TokenLength))
        D.Notes.push_back({std::move(*NoteAt), N.Message});
    SmallVector<StringRef, 1> Removed;
    for (const ResolvedFixIt &Fix : RF.FixIts) {
      std::optional<FileRange> At = Map.range(Fix.Begin, Fix.Length);
      if (!At) {
        // Half a fix is a wrong edit: offer all of it or nothing.
        D.Fixes.clear();
        break;
      }
      D.Fixes.push_back({std::move(*At), Fix.Replacement});
      Removed.push_back(Map.text(Fix.Begin, Fix.Length));
    }
    if (!D.Fixes.empty())
      D.FixTitle = fixTitle(D.Fixes, Removed);
    Result.Diagnostics.push_back(std::move(D));
  }
}

/// The one command the analysis of a document uses.
class SingleCommandDatabase : public CompilationDatabase {
public:
  explicit SingleCommandDatabase(CompileCommand Command) : Command(std::move(Command)) {}
  std::vector<CompileCommand> getCompileCommands(StringRef) const override { return {Command}; }

private:
  CompileCommand Command;
};

using ASTCallback = function_ref<void(ASTContext &, CompilerInstance &)>;

/// The preamble skips the bodies of the headers' functions, as clangd's
/// does: most of <torch/torch.h> is functions whose bodies nothing needs, and
/// without them the preamble is smaller, faster to build, and - what makes
/// edits fast - the main file instantiates no template bodies of those
/// headers. (Sema parses the bodies it needs anyway: constexpr functions and
/// deduced return types.) The analysis never summarises a system header's
/// function (SummaryMap), but it does follow calls into non-system headers'
/// functions: a document that makes such a call (needsProjectBodies) gets a
/// preamble that keeps the bodies of non-system headers.
class SkipHeaderFunctionBodies : public PreambleCallbacks {
public:
  explicit SkipHeaderFunctionBodies(bool KeepProjectBodies)
      : KeepProjectBodies(KeepProjectBodies) {}
  bool shouldSkipFunctionBody(Decl *D) override {
    if (!KeepProjectBodies)
      return true;
    const SourceManager &SM = D->getASTContext().getSourceManager();
    return SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
  }

private:
  bool KeepProjectBodies;
};

/// Whether \p FD's body, or that of the template it was instantiated from,
/// was skipped in a header that is not a system header.
bool hasSkippedProjectBody(const FunctionDecl *FD, const SourceManager &SM) {
  const FunctionDecl *Candidates[] = {FD,
                                      FD->getTemplateInstantiationPattern(/*ForDefinition=*/false)};
  for (const FunctionDecl *F : Candidates)
    if (F)
      for (const FunctionDecl *R : F->redecls())
        if (R->hasSkippedBody() && !SM.isInSystemHeader(SM.getExpansionLoc(R->getLocation())))
          return true;
  return false;
}

/// Whether the analysis of the main file would follow a call into a
/// function whose body the preamble skipped: the functions of the main file
/// (the traversal scope) and, as SummaryMap and bottomUpOrder do, every
/// non-system function with a body they reach through clang's CallGraph.
bool needsProjectBodies(ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  struct Collector : RecursiveASTVisitor<Collector> {
    std::vector<const FunctionDecl *> Functions;
    bool shouldVisitTemplateInstantiations() const { return true; }
    bool VisitFunctionDecl(FunctionDecl *FD) {
      if (FD->doesThisDeclarationHaveABody() && !FD->isDependentContext())
        Functions.push_back(FD);
      return true;
    }
  } Roots;
  Roots.TraverseAST(Ctx);
  CallGraph Graph;
  DenseSet<const FunctionDecl *> Added;
  SmallVector<const FunctionDecl *, 16> Work;
  for (const FunctionDecl *FD : Roots.Functions)
    if (Added.insert(FD).second)
      Work.push_back(FD);
  while (!Work.empty()) {
    const FunctionDecl *FD = Work.pop_back_val();
    Graph.addToCallGraph(const_cast<FunctionDecl *>(FD));
    CallGraphNode *Node = Graph.getNode(FD->getCanonicalDecl());
    if (!Node)
      continue;
    for (const CallGraphNode::CallRecord &Call : *Node) {
      const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call.Callee->getDecl());
      if (!Callee)
        continue;
      const FunctionDecl *Def = nullptr;
      if (!Callee->hasBody(Def) || !Def) {
        if (hasSkippedProjectBody(Callee, SM))
          return true;
        continue;
      }
      if (!SM.isInSystemHeader(Def->getLocation()) && !Def->isDependentContext() &&
          Added.insert(Def).second)
        Work.push_back(Def);
    }
  }
  return false;
}

/// Analyses the main file's declarations only: with a preamble, walking the
/// whole translation unit would deserialize every header's declarations.
/// The analysis reports in the main file only, so nothing is lost.
class MainFileConsumer : public ASTConsumer {
public:
  MainFileConsumer(CompilerInstance &CI, bool Analyse, ASTCallback OnAST)
      : CI(CI), Analyse(Analyse), OnAST(OnAST) {}
  bool HandleTopLevelDecl(DeclGroupRef DG) override {
    const SourceManager &SM = CI.getSourceManager();
    for (Decl *D : DG)
      if (!D->isFromASTFile() && SM.isWrittenInMainFile(SM.getExpansionLoc(D->getLocation())))
        TopLevel.push_back(D);
    return true;
  }
  void HandleTranslationUnit(ASTContext &Ctx) override {
    // Broken code gets clang's errors only (as in runOnFile).
    if (!Analyse || CI.getDiagnostics().hasErrorOccurred())
      return;
    Ctx.setTraversalScope(TopLevel);
    OnAST(Ctx, CI);
  }

private:
  CompilerInstance &CI;
  bool Analyse;
  ASTCallback OnAST;
  std::vector<Decl *> TopLevel;
};

class MainFileAction : public ASTFrontendAction {
public:
  MainFileAction(bool Analyse, ASTCallback OnAST) : Analyse(Analyse), OnAST(OnAST) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, StringRef) override {
    return std::make_unique<MainFileConsumer>(CI, Analyse, OnAST);
  }

private:
  bool Analyse;
  ASTCallback OnAST;
};

/// Every declaration of the namespace at::_ops, where the operator schemas
/// are (ApiModel::addSchemasFrom), comes from the preamble: a model made
/// from them holds for every parse on that preamble.
bool schemasOnlyInPreamble(ASTContext &Ctx) {
  for (const NamedDecl *At : Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("at")))
    if (const auto *AtNS = dyn_cast<NamespaceDecl>(At))
      for (const NamedDecl *Ops : AtNS->lookup(&Ctx.Idents.get("_ops")))
        if (const auto *OpsNS = dyn_cast<NamespaceDecl>(Ops))
          for (const NamespaceDecl *Reopened : OpsNS->redecls())
            if (!Reopened->isFromASTFile())
              return false;
  return true;
}

bool isHeader(StringRef Path) {
  StringRef Ext = sys::path::extension(Path);
  return is_contained({".h", ".hh", ".hpp", ".hxx", ".h++", ".inc", ".inl", ".ipp", ".tpp", ".txx"},
                      Ext);
}

} // namespace

Error Analyzer::configure(const AnalyzerOptions &NewOptions) {
  std::shared_ptr<CompilationDatabase> DB;
  if (!NewOptions.CompileCommandsDir.empty()) {
    std::string Error;
    std::unique_ptr<CompilationDatabase> Loaded =
        CompilationDatabase::autoDetectFromDirectory(NewOptions.CompileCommandsDir, Error);
    if (!Loaded)
      return createStringError(inconvertibleErrorCode(), "%s", Error.c_str());
    DB = inferMissingCompileCommands(std::move(Loaded));
  }
  std::lock_guard<std::mutex> Lock(Mutex);
  Config = NewOptions;
  ExplicitDB = std::move(DB);
  return Error::success();
}

std::shared_ptr<CompilationDatabase> Analyzer::loadDatabase(StringRef File) {
  sys::fs::file_status Status;
  if (sys::fs::status(File, Status) || !sys::fs::is_regular_file(Status)) {
    Databases.erase(File);
    return nullptr;
  }
  auto It = Databases.find(File);
  if (It != Databases.end() && It->second.ModTime == Status.getLastModificationTime() &&
      It->second.Size == Status.getSize())
    return It->second.DB;
  CachedDatabase &Entry = Databases[File];
  Entry.ModTime = Status.getLastModificationTime();
  Entry.Size = Status.getSize();
  std::string Error;
  std::unique_ptr<CompilationDatabase> DB =
      JSONCompilationDatabase::loadFromFile(File, Error, JSONCommandLineSyntax::AutoDetect);
  if (!DB) {
    // Cached as unusable until the file changes, so the error shows once.
    Log.error("cannot use " + File + ": " + Error);
    Entry.DB = nullptr;
    return nullptr;
  }
  Log.info("using compilation database " + File);
  Entry.DB = inferMissingCompileCommands(std::move(DB));
  return Entry.DB;
}

CompileCommand Analyzer::compileCommand(StringRef Path, std::string &Source) {
  std::lock_guard<std::mutex> Lock(Mutex);
  if (ExplicitDB) {
    std::vector<CompileCommand> Commands = ExplicitDB->getCompileCommands(Path);
    if (!Commands.empty()) {
      Source = "the compilation database in " + Config.CompileCommandsDir;
      return Commands.front();
    }
  } else {
    // The nearest compile_commands.json decides, as in clangd: it also
    // infers commands for files it does not list (headers, new files); one
    // without any command for the file means the fallback flags.
    std::shared_ptr<CompilationDatabase> DB;
    SmallString<256> Candidate;
    for (StringRef Dir = sys::path::parent_path(Path); !Dir.empty() && !DB;
         Dir = sys::path::parent_path(Dir)) {
      for (StringRef Sub : {"", "build"}) {
        Candidate = Dir;
        sys::path::append(Candidate, Sub, "compile_commands.json");
        if ((DB = loadDatabase(Candidate)))
          break;
      }
    }
    if (DB) {
      std::vector<CompileCommand> Commands = DB->getCompileCommands(Path);
      if (!Commands.empty()) {
        Source = std::string(Candidate);
        return Commands.front();
      }
      Log.verbose(Candidate + " has no command for " + Path);
    }
  }
  std::vector<std::string> Args = {"clang++", "-std=c++20"};
  llvm::append_range(Args, Config.FallbackFlags);
  Args.push_back(isHeader(Path) ? "-xc++-header" : "-xc++");
  Args.push_back(Path.str());
  Source = "the fallback flags";
  // The working directory must exist on disk (an unsaved file may be in a
  // directory that does not).
  SmallString<256> Directory = sys::path::parent_path(Path);
  while (!Directory.empty() && !sys::fs::is_directory(Directory))
    sys::path::remove_filename(Directory);
  if (Directory.empty())
    Directory = "/";
  return CompileCommand(Directory, Path, std::move(Args), "");
}

void Analyzer::forget(StringRef Path) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Preambles.erase(Path);
  NeedProjectBodies.erase(Path);
}

std::optional<bool>
Analyzer::parseWithPreamble(StringRef Path, const CompileCommand &Command, StringRef ResourceDir,
                            IntrusiveRefCntPtr<vfs::FileSystem> FS, OffsetEncoding Enc,
                            DiagnosticConsumer &Diagnostics,
                            std::vector<CompileError> &PreambleErrors, raw_ostream &Verbose,
                            std::shared_ptr<const CachedPreamble> &Used, ASTCallback OnAST) {
  // The command as runOnFile (ClangTool) runs it.
  std::vector<std::string> Args = Command.CommandLine;
  Args = getClangStripOutputAdjuster()(Args, Path);
  Args = getClangStripDependencyFileAdjuster()(Args, Path);
  Args = getClangSyntaxOnlyAdjuster()(Args, Path);
  if (!ResourceDir.empty() && !Args.empty())
    Args.insert(Args.begin() + 1, ("-resource-dir=" + ResourceDir).str());
  if (FS->setCurrentWorkingDirectory(Command.Directory))
    return std::nullopt;
  // A command the driver rejects is left to runOnFile, which reports why.
  IgnoringDiagConsumer Ignore;
  CreateInvocationOptions InvocationOptions;
  InvocationOptions.Diags = CompilerInstance::createDiagnostics(new DiagnosticOptions, &Ignore,
                                                                /*ShouldOwnClient=*/false);
  InvocationOptions.VFS = FS;
  InvocationOptions.ProbePrecompiled = false;
  std::vector<const char *> Argv;
  for (const std::string &A : Args)
    Argv.push_back(A.c_str());
  std::shared_ptr<CompilerInvocation> Invocation = createInvocation(Argv, InvocationOptions);
  if (!Invocation || Invocation->getFrontendOpts().Inputs.size() != 1 ||
      !Invocation->getFrontendOpts().Inputs[0].isFile())
    return std::nullopt;
  // The driver asks for -disable-free (a compiler exits right after); a
  // server that parses on every edit must free each AST (and the preamble
  // build's), as ToolInvocation and clangd's buildCompilerInvocation do.
  Invocation->getFrontendOpts().DisableFree = false;
  // The preamble performs the implicit template instantiations its headers
  // ask for (-fpch-instantiate-templates); otherwise a PCH leaves them to
  // every parse of the main file - seconds for <torch/torch.h>. Only a PCH
  // build reads the flag.
  Invocation->getLangOpts().PCHInstantiateTemplates = true;
  std::string MainFile = Invocation->getFrontendOpts().Inputs[0].getFile().str();
  ErrorOr<std::unique_ptr<MemoryBuffer>> Contents = FS->getBufferForFile(MainFile);
  if (!Contents)
    return std::nullopt;
  std::unique_ptr<MemoryBuffer> Buffer =
      MemoryBuffer::getMemBufferCopy((*Contents)->getBuffer(), MainFile);
  PreambleBounds Bounds = ComputePreambleBounds(Invocation->getLangOpts(), *Buffer, 0);

  std::shared_ptr<const CachedPreamble> Cached;
  bool ProjectBodies;
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = Preambles.find(Path);
    if (It != Preambles.end())
      Cached = It->second;
    ProjectBodies = NeedProjectBodies.contains(Path) || (!Cached && ProjectBodiesByDefault);
    if (ProjectBodies)
      NeedProjectBodies.insert(Path);
  }
  auto CheckStart = std::chrono::steady_clock::now();
  if (Cached && (Cached->CommandLine != Args || Cached->Directory != Command.Directory ||
                 Cached->ProjectBodies != ProjectBodies ||
                 !Cached->Preamble->CanReuse(*Invocation, *Buffer, Bounds, *FS))) {
    Log.verbose("the preamble of " + Path + " is out of date");
    Cached.reset();
  }
  if (Cached)
    Log.verbose(formatv("the preamble of {0} is up to date (checked in {1} ms)", Path,
                        std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - CheckStart)
                            .count())
                    .str());
  if (!Cached) {
    auto Start = std::chrono::steady_clock::now();
    ErrorCollector Errors(Path, Enc);
    IntrusiveRefCntPtr<DiagnosticsEngine> PreambleDiags = CompilerInstance::createDiagnostics(
        new DiagnosticOptions(Invocation->getDiagnosticOpts()), &Errors,
        /*ShouldOwnClient=*/false);
    SkipHeaderFunctionBodies Callbacks(ProjectBodies);
    // Only the preamble skips bodies (the callbacks say which); comments are
    // not needed from it (clangd leaves them out too: slow to read back).
    Invocation->getFrontendOpts().SkipFunctionBodies = true;
    Invocation->getPreprocessorOpts().WriteCommentListToPCH = false;
    ErrorOr<PrecompiledPreamble> Built =
        PrecompiledPreamble::Build(*Invocation, Buffer.get(), Bounds, *PreambleDiags, FS,
                                   std::make_shared<PCHContainerOperations>(),
                                   /*StoreInMemory=*/true, /*StoragePath=*/"", Callbacks);
    Invocation->getFrontendOpts().SkipFunctionBodies = false;
    Invocation->getPreprocessorOpts().WriteCommentListToPCH = true;
    if (!Built) {
      Log.info("no preamble for " + Path + ": " + Built.getError().message());
      std::lock_guard<std::mutex> Lock(Mutex);
      Preambles.erase(Path);
      return std::nullopt;
    }
    auto New = std::make_shared<CachedPreamble>();
    New->CommandLine = Args;
    New->Directory = Command.Directory;
    New->Preamble = std::make_shared<const PrecompiledPreamble>(std::move(*Built));
    New->Errors = std::move(Errors.Errors);
    New->ProjectBodies = ProjectBodies;
    Log.info(formatv("built the preamble of {0} ({1} lines, {2} KiB) in {3} ms", Path,
                     Bounds.Size ? count(Buffer->getBuffer().take_front(Bounds.Size), '\n') : 0,
                     New->Preamble->getSize() / 1024,
                     std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now() - Start)
                         .count())
                 .str());
    Cached = New;
    std::lock_guard<std::mutex> Lock(Mutex);
    Preambles[Path] = std::move(New);
  } else {
    Log.verbose("reusing the preamble of " + Path);
  }

  // The main file on top of the preamble: AddImplicitPreamble remaps the
  // main file to Buffer and adds the in-memory PCH to the file system.
  IntrusiveRefCntPtr<vfs::FileSystem> ParseFS = FS;
  Cached->Preamble->AddImplicitPreamble(*Invocation, ParseFS, Buffer.get());
  CompilerInstance Clang(std::make_shared<PCHContainerOperations>());
  Clang.setInvocation(std::move(Invocation));
  Clang.createDiagnostics(&Diagnostics, /*ShouldOwnClient=*/false);
  if (IntrusiveRefCntPtr<vfs::FileSystem> Remapped =
          createVFSFromCompilerInvocation(Clang.getInvocation(), Clang.getDiagnostics(), ParseFS))
    ParseFS = Remapped;
  Clang.createFileManager(ParseFS);
  // The source manager owns remapped buffers (RetainRemappedFileBuffers is
  // off).
  Buffer.release();
  Clang.setVerboseOutputStream(Verbose);
  PreambleErrors = Cached->Errors;
  Used = Cached;
  MainFileAction Action(/*Analyse=*/PreambleErrors.empty(), OnAST);
  bool Compiled = Clang.ExecuteAction(Action);
  return Compiled && PreambleErrors.empty() && !Clang.getDiagnostics().hasErrorOccurred();
}

AnalysisResult Analyzer::analyze(StringRef Path, const OverlaySnapshot &Overlay, OffsetEncoding Enc,
                                 const std::function<bool()> &IsStale) {
  AnalysisResult Result;
  // The file's configuration, as the CLI reads it; a broken one is shown,
  // not skipped: a silent editor would look like a clean file.
  Expected<FileSettings> Found = Resolver.settingsFor(Path);
  if (!Found) {
    AnalysedDiagnostic D;
    D.IsError = true;
    D.Message = "aliasguard did not analyse this file: " + toString(Found.takeError());
    Result.Diagnostics.push_back(std::move(D));
    return Result;
  }
  const FileSettings &Settings = *Found;
  if (Settings.NoCheckEnabled)
    return Result;
  std::string Source;
  CompileCommand Command = compileCommand(Path, Source);
  std::string ResourceDir;
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    ResourceDir = Config.ResourceDir;
  }
  if (Log.enabled(LogLevel::Verbose))
    Log.verbose("compile command for " + Path + " (from " + Source +
                "): " + join(Command.CommandLine, " "));

  // The open documents (std::strings: NUL-terminated, as the lexer needs)
  // shadow the disk; the snapshot keeps them alive for the whole run.
  // Their modification time is a hash of their contents, so that a preamble
  // that read an open header sees it change even when its size does not.
  auto Memory = makeIntrusiveRefCnt<vfs::InMemoryFileSystem>();
  for (const auto &[File, Text] : Overlay.Files)
    Memory->addFile(File, /*ModificationTime=*/xxh3_64bits(*Text) >> 34,
                    MemoryBuffer::getMemBuffer(*Text, File, /*RequiresNullTerminator=*/true));
  // A physical file system of its own: ClangTool changes the working
  // directory of the file system it is given (see the CLI).
  auto FS = makeIntrusiveRefCnt<vfs::OverlayFileSystem>(vfs::createPhysicalFileSystem());
  FS->pushOverlay(Memory);

  SingleCommandDatabase DB(std::move(Command));
  ErrorCollector Errors(Path, Enc);
  FileRun Run;
  Run.Commands = &DB;
  Run.File = Path.str();
  Run.FS = FS;
  Run.ResourceDir = ResourceDir;
  Run.DriverDiagnostics = &Errors;
  Run.CompilerDiagnostics = [&](const CompilerInvocation &) { return &Errors; };
  // Nothing may reach stdout; clang's -v output goes to the log.
  std::string Verbose;
  raw_string_ostream VerboseOS(Verbose);
  Run.VerboseOutput = &VerboseOS;
  auto Start = std::chrono::steady_clock::now();
  auto Milliseconds = [](std::chrono::steady_clock::time_point From) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 From)
        .count();
  };
  std::shared_ptr<const CachedPreamble> UsedPreamble;
  bool RetryWithProjectBodies = false;
  auto OnAST = [&](ASTContext &Ctx, CompilerInstance &) {
    Log.verbose(formatv("parsed {0} in {1} ms", Path, Milliseconds(Start)).str());
    if (IsStale()) {
      Result.Superseded = true;
      return;
    }
    // A call into a function whose body the preamble skipped: the findings
    // could differ from a full parse's. Parse again on a preamble with the
    // non-system headers' bodies (this document keeps that one).
    if (UsedPreamble && !UsedPreamble->ProjectBodies && needsProjectBodies(Ctx)) {
      RetryWithProjectBodies = true;
      return;
    }
    auto AnalysisStart = std::chrono::steady_clock::now();
    auto Logged = make_scope_exit([&] {
      Log.verbose(formatv("analysed {0} in {1} ms", Path, Milliseconds(AnalysisStart)).str());
    });
    // Each open document is analysed as a main file: header findings come
    // from the header's own analysis, where the editor can show them.
    AnalysisOptions Options = Settings.Analysis;
    Options.HeaderFilter.clear();
    const ApiModel *Model = Settings.Model;
    std::shared_ptr<const ApiModel> WithSchemas;
    if (UsedPreamble && schemasOnlyInPreamble(Ctx)) {
      // The schemas are all in the preamble: read them once per preamble.
      std::lock_guard<std::mutex> Lock(UsedPreamble->ModelMutex);
      if (!UsedPreamble->ModelWithSchemas || UsedPreamble->ModelBase != Model) {
        auto M = std::make_shared<ApiModel>(*Model);
        M->addSchemasFrom(Ctx);
        UsedPreamble->ModelBase = Model;
        UsedPreamble->ModelWithSchemas = std::move(M);
      }
      WithSchemas = UsedPreamble->ModelWithSchemas;
      Model = WithSchemas.get();
      Options.ModelHasSchemas = true;
    }
    publishFindings(analyzeTranslationUnit(Ctx, *Model, Options), Ctx, Path, Enc,
                    Settings.WarningsAsErrors, Result);
  };
  std::vector<CompileError> PreambleErrors;
  std::optional<bool> Compiled =
      parseWithPreamble(Path, DB.getCompileCommands(Path).front(), ResourceDir, FS, Enc, Errors,
                        PreambleErrors, VerboseOS, UsedPreamble, OnAST);
  if (RetryWithProjectBodies) {
    Log.info("the analysis of " + Path +
             " calls into project headers: its preamble keeps their function bodies");
    {
      std::lock_guard<std::mutex> Lock(Mutex);
      NeedProjectBodies.insert(Path);
      ProjectBodiesByDefault = true;
    }
    UsedPreamble.reset();
    Compiled = parseWithPreamble(Path, DB.getCompileCommands(Path).front(), ResourceDir, FS, Enc,
                                 Errors, PreambleErrors, VerboseOS, UsedPreamble, OnAST);
  }
  bool Failed = Compiled ? !*Compiled : !runOnFile(Run, OnAST);
  Errors.Errors.insert(Errors.Errors.begin(), PreambleErrors.begin(), PreambleErrors.end());
  if (!Verbose.empty())
    Log.verbose(Verbose);
  if (Result.Superseded || (!Failed && Errors.Errors.empty()))
    return Result;

  // Not analysed: say so once, at the first error, instead of repeating
  // every compiler error (the user's compiler or clangd shows those).
  AnalysedDiagnostic D;
  D.IsError = true;
  if (Errors.Errors.empty()) {
    D.Message = "aliasguard did not analyse this file: clang could not process it";
  } else {
    const ErrorCollector::Error &First = Errors.Errors.front();
    D.R = First.MainRange;
    D.Message = "aliasguard did not analyse this file: it does not compile: " + First.Message;
    if (Errors.Errors.size() > 1)
      D.Message += formatv(" (and {0} more errors)", Errors.Errors.size() - 1).str();
    constexpr size_t MaxNotes = 10;
    for (const ErrorCollector::Error &E : ArrayRef(Errors.Errors).take_front(MaxNotes)) {
      RelatedNote N;
      N.Where = E.Actual ? *E.Actual : FileRange{Path.str(), E.MainRange};
      N.Message = E.Original;
      D.Notes.push_back(std::move(N));
    }
  }
  Result.Diagnostics.insert(Result.Diagnostics.begin(), std::move(D));
  return Result;
}

} // namespace aliasguard::lsp
