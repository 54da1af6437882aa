//===- lsp/Analyzer.h - one analysis of an editor buffer --------*- C++ -*-===//
//
// Runs the aliasguard analysis on a document's unsaved contents (all open
// documents overlay the real file system) with the file's compile command,
// and turns the findings into LSP-positioned diagnostics, related
// information and fix edits. Thread-safe: the server's workers share one.
//
// Edits are cheap because each document keeps a precompiled preamble (its
// leading #includes and macros, e.g. all of <torch/torch.h>, compiled once
// and held in memory, as clangd does): an analysis parses only the rest of
// the file on top of it. The preamble is rebuilt when the document's
// preamble text, its compile command or a file the preamble read changes
// (PrecompiledPreamble::CanReuse; open documents count with their unsaved
// contents). Like clangd's, the preamble skips the headers' function bodies;
// a document whose analysis follows a call into a non-system header's
// function gets one that keeps the bodies of non-system headers, so that the
// findings are always those of a full parse.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "lsp/Protocol.h"
#include "lsp/Transport.h"

#include "aliasguard/Analysis.h"
#include "aliasguard/Frontend.h"

#include "clang/Frontend/PrecompiledPreamble.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Chrono.h"

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace aliasguard::lsp {

/// A place in some file; the server turns the path into a URI.
struct FileRange {
  std::string File; ///< Absolute path.
  Range R;
};

struct RelatedNote {
  FileRange Where;
  std::string Message;
};

struct FixEdit {
  FileRange Where;
  std::string NewText;
};

/// An error of clang's, placed in the main file (an error in a header is
/// shown at the #include that leads to it).
struct CompileError {
  Range MainRange;
  std::optional<FileRange> Actual; ///< Where clang reported it, if elsewhere.
  std::string Message;             ///< As shown in the main file.
  std::string Original;            ///< As clang said it.
};

struct AnalysedDiagnostic {
  Range R; ///< In the analysed document.
  bool IsError = false;
  std::string Code; ///< Check name; empty for "not analysed".
  std::string Message;
  std::vector<RelatedNote> Notes;
  std::vector<FixEdit> Fixes;
  std::string FixTitle;
};

struct AnalysisResult {
  std::vector<AnalysedDiagnostic> Diagnostics;
  bool Superseded = false; ///< Stopped early: a newer version is waiting.
};

/// The contents of every open document at the time an analysis starts.
struct OverlaySnapshot {
  std::vector<std::pair<std::string, std::shared_ptr<const std::string>>> Files;
};

struct AnalyzerOptions {
  std::string ResourceDir;
  /// Used when no compile_commands.json has the file: -std=c++20 and these.
  std::vector<std::string> FallbackFlags;
  /// Directory holding compile_commands.json (-p); empty: search upwards
  /// from each file, as clangd does.
  std::string CompileCommandsDir;
};

class Analyzer {
public:
  Analyzer(SettingsResolver &Resolver, Logger &Log) : Resolver(Resolver), Log(Log) {}

  /// Loads -p's database up front so a bad directory is a startup error.
  llvm::Error configure(const AnalyzerOptions &NewOptions);

  /// Analyses \p Path, whose contents are in \p Overlay. \p IsStale is asked
  /// once parsing is done; when it says yes, the analysis stops there.
  AnalysisResult analyze(llvm::StringRef Path, const OverlaySnapshot &Overlay, OffsetEncoding Enc,
                         const std::function<bool()> &IsStale);

  /// The compile command used for \p Path, and where it came from.
  clang::tooling::CompileCommand compileCommand(llvm::StringRef Path, std::string &Source);

  /// Drops \p Path's preamble (its document was closed).
  void forget(llvm::StringRef Path);

  /// A document's preamble, with what it was built from.
  struct CachedPreamble {
    std::vector<std::string> CommandLine;
    std::string Directory;
    std::shared_ptr<const clang::PrecompiledPreamble> Preamble;
    /// Errors clang reported while compiling the preamble (in ranges of the
    /// main file, which the preamble's text fixes): a reused preamble does
    /// not report them again.
    std::vector<CompileError> Errors;
    /// Built with the function bodies of non-system headers (else it has
    /// no header's bodies at all).
    bool ProjectBodies = false;
    /// The model with the operator schemas of the preamble's headers, made
    /// at the first analysis on it (for the settings' model ModelBase).
    mutable std::mutex ModelMutex;
    mutable const ApiModel *ModelBase = nullptr;
    mutable std::shared_ptr<const ApiModel> ModelWithSchemas;
  };

private:
  struct CachedDatabase {
    llvm::sys::TimePoint<> ModTime;
    uint64_t Size = 0;
    std::shared_ptr<clang::tooling::CompilationDatabase> DB;
  };
  /// Parses \p Path on top of its preamble (built or rebuilt when it cannot
  /// be reused) and calls \p OnAST when it compiled. True: it compiled;
  /// false: clang's errors went to \p Diagnostics and \p PreambleErrors;
  /// none: no invocation or preamble could be made (the caller parses the
  /// whole file instead).
  std::optional<bool>
  parseWithPreamble(llvm::StringRef Path, const clang::tooling::CompileCommand &Command,
                    llvm::StringRef ResourceDir, llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                    OffsetEncoding Enc, clang::DiagnosticConsumer &Diagnostics,
                    std::vector<CompileError> &PreambleErrors, llvm::raw_ostream &Verbose,
                    std::shared_ptr<const CachedPreamble> &Used,
                    llvm::function_ref<void(clang::ASTContext &, clang::CompilerInstance &)> OnAST);

  /// The database in \p File (reloaded when the file changes), or null.
  std::shared_ptr<clang::tooling::CompilationDatabase> loadDatabase(llvm::StringRef File);

  SettingsResolver &Resolver;
  Logger &Log;
  std::mutex Mutex; ///< Guards everything below.
  AnalyzerOptions Config;
  std::shared_ptr<clang::tooling::CompilationDatabase> ExplicitDB;
  llvm::StringMap<CachedDatabase> Databases;
  llvm::StringMap<std::shared_ptr<const CachedPreamble>> Preambles;
  /// Documents whose analysis needs the bodies of functions in non-system
  /// headers (it calls one): their preambles keep those bodies.
  llvm::StringSet<> NeedProjectBodies;
  /// Some document needed them: the project's code calls its headers'
  /// functions, so a newly opened document starts with them too instead of
  /// building two preambles.
  bool ProjectBodiesByDefault = false;
};

} // namespace aliasguard::lsp
