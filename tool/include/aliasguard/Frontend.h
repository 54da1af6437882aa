//===- aliasguard/Frontend.h - what every front end shares ------*- C++ -*-===//
//
// The CLI, the language server and the clang-tidy module differ in where
// findings go, not in how a file is checked. This layer holds the rest:
//  - the settings of a file: flags over its configuration file
//    (.aliasguard.yaml / .clang-tidy) over the defaults, with each model file
//    loaded once (SettingsResolver);
//  - running clang on a file with its compile command and a file system,
//    and the analysis on the AST when it compiled (runOnFile);
//  - findings as clang diagnostics (emitFinding); as JSON, SARIF or
//    positioned data in Output.h.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "aliasguard/Analysis.h"
#include "aliasguard/ApiModel.h"
#include "aliasguard/Config.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace aliasguard {

/// What a front end was told (command-line flags, an editor's settings).
/// Unset: the file's configuration file decides, else the default.
struct ToolOptions {
  std::optional<std::string> Checks; ///< globs, clang-tidy syntax
  std::optional<std::string> ModelFile;
  std::optional<std::string> HeaderFilter;
  std::optional<bool> WarningsAsErrors;
  /// Use this configuration file for every file instead of the nearest one.
  std::string ConfigFile;
};

/// Everything one file is checked with.
struct FileSettings {
  AnalysisOptions Analysis;
  const ApiModel *Model = nullptr;
  bool WarningsAsErrors = false;
  /// Its configuration enables no check: the file is not compiled.
  bool NoCheckEnabled = false;
};

/// The settings of each file. Thread-safe; configuration and model files
/// are read once.
class SettingsResolver {
public:
  /// Checks the flags first: bad check globs, an unreadable --config-file
  /// or --model are errors before any file is looked at.
  static llvm::Expected<std::unique_ptr<SettingsResolver>> create(ToolOptions Flags);

  /// The settings of the absolute path \p File. Errors are the user's:
  /// a malformed configuration file (`file:line:col: error: ...`) or a
  /// model file that cannot be loaded.
  llvm::Expected<FileSettings> settingsFor(llvm::StringRef File);

  const ToolOptions &flags() const { return Flags; }

private:
  explicit SettingsResolver(ToolOptions Flags) : Flags(std::move(Flags)) {}
  /// The model of \p Path ("" for the built-in one); \p Source names the
  /// configuration file that set it, for errors.
  llvm::Expected<const ApiModel *> model(const std::string &Path, llvm::StringRef Source);

  ToolOptions Flags;
  std::optional<FileConfig> Forced;
  std::mutex Mutex; ///< guards everything below
  ConfigFinder Finder;
  std::map<std::string, std::unique_ptr<ApiModel>> Models;
};

/// One file to compile and check.
struct FileRun {
  /// Where the file's compile command comes from.
  const clang::tooling::CompilationDatabase *Commands = nullptr;
  std::string File;
  /// The files as the compiler sees them (an editor's unsaved buffers over
  /// the disk); null: the disk. Each run gets a working directory of its
  /// own either way (ClangTool changes it), so runs can go in parallel.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS;
  /// clang's builtin headers (<stddef.h>, ...); a LibTooling tool does not
  /// find them next to its own binary.
  std::string ResourceDir;
  /// Receives the driver's diagnostics (before an invocation exists).
  clang::DiagnosticConsumer *DriverDiagnostics = nullptr;
  /// The consumer of the compiler's diagnostics for an invocation (so that
  /// it can follow the invocation's options); not owned.
  std::function<clang::DiagnosticConsumer *(const clang::CompilerInvocation &)> CompilerDiagnostics;
  /// Where clang's verbose output goes (`-v`); null: stderr.
  llvm::raw_ostream *VerboseOutput = nullptr;
};

/// Compiles \p Run's file (syntax only) and, when it compiled without
/// errors, calls \p OnAST with its AST: broken code is no ground for claims.
/// False when the file could not be compiled (errors, or no command).
bool runOnFile(const FileRun &Run,
               llvm::function_ref<void(clang::ASTContext &, clang::CompilerInstance &)> OnAST);

/// Emits \p F as a diagnostic (with its fix-its) and its notes through
/// \p Report, which builds a diagnostic of the given level with the text.
void emitFinding(const Finding &F,
                 llvm::function_ref<clang::DiagnosticBuilder(
                     clang::SourceLocation, llvm::StringRef Message, clang::DiagnosticIDs::Level)>
                     Report);

} // namespace aliasguard
