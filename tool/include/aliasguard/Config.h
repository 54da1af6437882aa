//===- aliasguard/Config.h - per-directory configuration files --*- C++ -*-===//
//
// `.aliasguard.yaml`, or the aliasguard entries of a `.clang-tidy` file, found
// by walking up from each checked file (the nearest one wins, no merging with
// parent directories). In the library rather than the CLI so that every front
// end (CLI, language server) reads the same files the same way.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <optional>
#include <string>

namespace aliasguard {

/// What one configuration file sets; what it leaves unset falls back to the
/// defaults, and command-line flags override all of it.
struct FileConfig {
  std::string Path; ///< The file, absolute.
  /// Check globs in clang-tidy syntax, applied on top of `aliasguard-*`.
  std::optional<std::string> Checks;
  std::optional<bool> WarningsAsErrors;
  std::optional<std::string> HeaderFilter;
  /// Absolute: a relative name is resolved against the file's directory.
  std::optional<std::string> ModelFile;
  /// `aliasguard-param-mutation.ReportWithoutCaller`: report a function that
  /// writes a by-value / const& parameter when no analysed function calls it.
  std::optional<bool> ParamMutationWithoutCaller;
};

inline constexpr llvm::StringLiteral ConfigFileName = ".aliasguard.yaml";
inline constexpr llvm::StringLiteral ClangTidyFileName = ".clang-tidy";

/// Parses a configuration file's text. With \p ClangTidy, only the entries
/// that concern aliasguard are read (`Checks` globs naming aliasguard checks,
/// `CheckOptions` keys `ModelFile` / `AnalyzeHeaders`, global or of an
/// aliasguard check) and every other key is left to clang-tidy. Errors are
/// `file:line:col: error: ...` with the offending line.
llvm::Expected<FileConfig> parseConfig(llvm::StringRef Text, llvm::StringRef Path,
                                       bool ClangTidy);

/// Reads and parses \p Path; a file named `.clang-tidy` is read as one.
llvm::Expected<FileConfig> loadConfigFile(llvm::StringRef Path);

/// Finds the configuration of source files, reading each directory and each
/// configuration file once.
class ConfigFinder {
public:
  /// The configuration nearest to the absolute path \p File: in each
  /// directory from the file's up to the root, `.aliasguard.yaml`, else
  /// `.clang-tidy`. Null when there is none.
  llvm::Expected<const FileConfig *> configFor(llvm::StringRef File);

private:
  /// Directory -> the configuration file that applies there ("" for none).
  llvm::StringMap<std::string> DirCache;
  llvm::StringMap<std::unique_ptr<FileConfig>> Configs;
};

} // namespace aliasguard
