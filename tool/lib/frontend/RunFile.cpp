//===- frontend/RunFile.cpp - clang on one file, then the analysis --------===//
#include "aliasguard/Frontend.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"

using namespace clang;
using namespace clang::tooling;
using namespace llvm;

namespace aliasguard {

namespace {

using ASTCallback = function_ref<void(ASTContext &, CompilerInstance &)>;

class Consumer : public ASTConsumer {
public:
  Consumer(CompilerInstance &CI, ASTCallback OnAST) : CI(CI), OnAST(OnAST) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    // Broken code gets clang's errors only: its AST is no ground for claims.
    if (!CI.getDiagnostics().hasErrorOccurred())
      OnAST(Ctx, CI);
  }

private:
  CompilerInstance &CI;
  ASTCallback OnAST;
};

class Action : public ASTFrontendAction {
public:
  explicit Action(ASTCallback OnAST) : OnAST(OnAST) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, StringRef) override {
    return std::make_unique<Consumer>(CI, OnAST);
  }

private:
  ASTCallback OnAST;
};

class Factory : public FrontendActionFactory {
public:
  Factory(const FileRun &Run, ASTCallback OnAST) : Run(Run), OnAST(OnAST) {}
  std::unique_ptr<FrontendAction> create() override { return std::make_unique<Action>(OnAST); }

  /// FrontendActionFactory::runInvocation, with the front end's consumer
  /// as the only one: clang's diagnostics (and its "N warnings generated."
  /// line) would otherwise go straight to stderr.
  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation, FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *) override {
    DiagnosticConsumer *Diagnostics = Run.CompilerDiagnostics(*Invocation);
    CompilerInstance Compiler(std::move(PCHContainerOps));
    Compiler.setInvocation(std::move(Invocation));
    Compiler.setFileManager(Files);
    std::unique_ptr<FrontendAction> ScopedAction(create());
    Compiler.createDiagnostics(Diagnostics, /*ShouldOwnClient=*/false);
    if (!Compiler.hasDiagnostics())
      return false;
    if (Run.VerboseOutput)
      Compiler.setVerboseOutputStream(*Run.VerboseOutput);
    Compiler.createSourceManager(*Files);
    bool Success = Compiler.ExecuteAction(*ScopedAction);
    Files->clearStatCache();
    return Success;
  }

private:
  const FileRun &Run;
  ASTCallback OnAST;
};

} // namespace

bool runOnFile(const FileRun &Run, ASTCallback OnAST) {
  // A file system of its own: ClangTool changes the working directory to
  // the compile command's, and the default real file system does that to
  // the whole process - a race between parallel files.
  IntrusiveRefCntPtr<vfs::FileSystem> FS = Run.FS;
  if (!FS)
    FS = vfs::createPhysicalFileSystem();
  ClangTool Tool(*Run.Commands, {Run.File}, std::make_shared<PCHContainerOperations>(), FS);
  Tool.setPrintErrorMessage(false);
  if (Run.DriverDiagnostics)
    Tool.setDiagnosticConsumer(Run.DriverDiagnostics);
  if (!Run.ResourceDir.empty())
    Tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
        ("-resource-dir=" + Run.ResourceDir).c_str(), ArgumentInsertPosition::BEGIN));
  Tool.appendArgumentsAdjuster(getClangSyntaxOnlyAdjuster());
  Factory F(Run, OnAST);
  return Tool.run(&F) == 0;
}

void emitFinding(
    const Finding &F,
    function_ref<DiagnosticBuilder(SourceLocation, StringRef, DiagnosticIDs::Level)> Report) {
  {
    DiagnosticBuilder DB = Report(F.Loc, F.Message, DiagnosticIDs::Warning);
    for (const FixItHint &Fix : F.FixIts)
      DB << Fix;
  }
  for (const Note &N : F.Notes)
    Report(N.Loc, N.Message, DiagnosticIDs::Note);
}

} // namespace aliasguard
