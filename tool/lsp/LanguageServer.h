//===- lsp/LanguageServer.h - `aliasguard --lsp` ----------------*- C++ -*-===//
//
// A Language Server for the aliasguard checks: JSON-RPC over stdin/stdout,
// diagnostics for the open C++ documents (their unsaved contents), notes as
// related information, fix-its as quick-fix code actions. Analyses run on
// worker threads after a debounce; a newer version of a document supersedes
// a queued or running analysis of an older one. See docs/integration.md.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "lsp/Analyzer.h"
#include "lsp/Transport.h"

#include "aliasguard/Frontend.h"

#include <string>

namespace aliasguard::lsp {

struct ServerOptions {
  InputStyle Input = InputStyle::Standard;
  bool Pretty = false;
  /// Before handling each message, wait until no analysis is queued or
  /// running: output in a deterministic order, for tests.
  bool Sync = false;
  /// An analysis starts this long after the last open/change/save of its
  /// document (initializationOptions.debounceMs overrides).
  unsigned DebounceMs = 300;
  /// Analysis threads; 0: one per hardware thread.
  unsigned Workers = 0;
  AnalyzerOptions Analysis;
  std::string Version;
  LogLevel Log = LogLevel::Info;
};

/// Serves stdin/stdout until the `exit` notification or the end of input,
/// and returns the exit code: 0 after shutdown + exit, 1 otherwise, 2 when
/// the options are unusable. Stdout is reserved for protocol messages: the
/// process's own stdout is redirected to stderr while serving. Each document
/// is checked with the settings \p Resolver gives its file, as in the CLI.
int runLanguageServer(SettingsResolver &Resolver, const ServerOptions &ServerOpts);

} // namespace aliasguard::lsp
