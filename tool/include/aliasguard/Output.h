//===- aliasguard/Output.h - machine-readable finding output ----*- C++ -*-===//
//
// Findings resolved to plain file/line/column/offset data, and their JSON and
// SARIF 2.1.0 renderings. Lives in the library, not the CLI, so that the
// language server (issue 5) emits the same shapes from the same code.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "aliasguard/Analysis.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace aliasguard {

/// A source position that outlives the SourceManager it came from.
struct ResolvedLocation {
  std::string File;    ///< Absolute (relative names resolved like the compiler did).
  unsigned Line = 0;   ///< 1-based.
  unsigned Column = 0; ///< 1-based, in bytes (clang's convention).
  unsigned Offset = 0; ///< 0-based byte offset in File.
  /// Bytes of the token that starts here (0 when it cannot be measured):
  /// the range an editor underlines.
  unsigned TokenLength = 0;
  /// Column (1-based) and the column after the token, counted in UTF-16
  /// code units as SARIF's "utf16CodeUnits" (what GitHub expects) counts
  /// them; 0 when unknown (EndColumn16 also for a token across lines).
  unsigned Column16 = 0;
  unsigned EndColumn16 = 0;
  bool valid() const { return Line != 0; }
};

/// \p Loc resolved (macro locations to where the macro is used); with
/// \p LangOpts the token there is measured too.
ResolvedLocation resolveLocation(clang::SourceLocation Loc, const clang::SourceManager &SM,
                                 const clang::LangOptions *LangOpts = nullptr);

struct ResolvedNote {
  ResolvedLocation Loc;
  std::string Message;
};

/// A replacement of Length bytes at Begin.Offset by Replacement (Length 0 is
/// an insertion) - the unit clang-apply-replacements and LSP edits use.
struct ResolvedFixIt {
  ResolvedLocation Begin;
  unsigned Length = 0;
  std::string Replacement;
};

enum class Severity { Warning, Error };

struct ResolvedFinding {
  CheckKind Check;
  Severity Level = Severity::Warning;
  ResolvedLocation Loc;
  std::string Message;
  std::vector<ResolvedNote> Notes;
  std::vector<ResolvedFixIt> FixIts;
  /// Identifies the finding across runs (baselines); see findingFingerprint.
  std::string Fingerprint;
};

/// An input file that was not analysed: it does not exist, has no compile
/// command, or does not compile. Reported in the JSON and SARIF outputs so
/// that such a file does not pass for a clean one.
struct FileFailure {
  std::string File;       ///< Absolute.
  std::string Message;    ///< Why (for a compile failure, clang's first error).
  ResolvedLocation Where; ///< Where that error is, when known.
};

/// The SARIF partialFingerprints key of ResolvedFinding::Fingerprint (v2:
/// the file is part of it).
inline constexpr llvm::StringLiteral FingerprintKey = "aliasguardFingerprint/v2";

/// A fingerprint of \p F that survives unrelated edits (lines inserted or
/// removed elsewhere, reindentation): a hash of the check, the file's path
/// relative to \p RootDir (absolute when outside it), the qualified name of
/// the function the finding is in, and the whitespace-collapsed text of the
/// lines of the finding and of its notes (where the alias is made, written
/// and read). With the path, identical code in two files gives two
/// fingerprints, and a function moved to another file counts as new code.
std::string findingFingerprint(const Finding &F, clang::ASTContext &Ctx, llvm::StringRef RootDir);

/// The fingerprints of an earlier run's JSON or SARIF output, for
/// --baseline. A file that is neither (or whose findings carry no
/// fingerprint) is an error that says why.
llvm::Expected<std::vector<std::string>> readBaselineFingerprints(llvm::StringRef Path);

/// Macro locations resolve to where the macro is used (the file position a
/// user can click on). Fix-its are all resolved or none is: half a fix is a
/// wrong edit.
ResolvedFinding resolveFinding(const Finding &F, const clang::SourceManager &SM,
                               const clang::LangOptions &LangOpts,
                               Severity Level = Severity::Warning);

/// `{"version": 1, "findings": [...], "failedFiles": [...]}`; see
/// docs/integration.md.
llvm::json::Value findingsToJSON(llvm::ArrayRef<ResolvedFinding> Findings,
                                 llvm::ArrayRef<FileFailure> Failures = {});

struct SarifOptions {
  std::string ToolVersion;
  /// Artifact URIs are made relative to this directory (GitHub code scanning
  /// wants repository-relative paths); files outside it get file:// URIs.
  std::string RootDir;
  /// automationDetails.id (e.g. "aliasguard/shard-1-of-4"); empty: none.
  std::string AutomationId;
};

/// A SARIF 2.1.0 log with one run; every check is a rule, in allChecks()
/// order, so ruleIndex is stable across runs, with its documentation page as
/// help. The run's invocation is unsuccessful when a file failed, with a
/// toolExecutionNotification for each.
llvm::json::Value findingsToSARIF(llvm::ArrayRef<ResolvedFinding> Findings,
                                  const SarifOptions &Options,
                                  llvm::ArrayRef<FileFailure> Failures = {});

/// The documentation page of \p K (docs/checks/aliasguard-<name>.md, embedded
/// at build time) for a reader outside this repository: links to other
/// files of the repository are replaced by their text. Empty when the build
/// found no page.
std::string checkHelpMarkdown(CheckKind K);

} // namespace aliasguard
