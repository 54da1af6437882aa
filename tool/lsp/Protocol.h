//===- lsp/Protocol.h - the LSP structures the server uses ------*- C++ -*-===//
//
// The subset of the Language Server Protocol the aliasguard server speaks,
// with llvm::json (de)serialisers in the fromJSON/toJSON style, file URIs, and
// the conversion between byte offsets and LSP positions (whose `character`
// counts UTF-16 code units unless the client negotiated another encoding).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <string>
#include <vector>

namespace aliasguard::lsp {

/// JSON-RPC and LSP error codes.
enum class ErrorCode {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestCancelled = -32800,
  ContentModified = -32801,
};

/// What `Position::Character` counts (LSP 3.17 `PositionEncodingKind`).
enum class OffsetEncoding { UTF8, UTF16, UTF32 };
llvm::StringRef encodingName(OffsetEncoding E);
std::optional<OffsetEncoding> parseEncoding(llvm::StringRef Name);

struct Position {
  int Line = 0;      ///< 0-based.
  int Character = 0; ///< 0-based, in the negotiated encoding's units.
};
inline bool operator==(const Position &A, const Position &B) {
  return A.Line == B.Line && A.Character == B.Character;
}
inline bool operator<(const Position &A, const Position &B) {
  return A.Line != B.Line ? A.Line < B.Line : A.Character < B.Character;
}
inline bool operator<=(const Position &A, const Position &B) { return !(B < A); }

struct Range {
  Position Start, End;
};
inline bool operator==(const Range &A, const Range &B) {
  return A.Start == B.Start && A.End == B.End;
}
/// Closed intervals: a cursor just after a token touches the token.
inline bool touches(const Range &A, const Range &B) {
  return A.Start <= B.End && B.Start <= A.End;
}

bool fromJSON(const llvm::json::Value &V, Position &P, llvm::json::Path Path);
llvm::json::Value toJSON(const Position &P);
bool fromJSON(const llvm::json::Value &V, Range &R, llvm::json::Path Path);
llvm::json::Value toJSON(const Range &R);

/// Line starts of a text, for converting between byte offsets and positions.
/// Lines end at "\n", "\r\n" or a lone "\r", as the LSP specification says.
class LineIndex {
public:
  explicit LineIndex(llvm::StringRef Text);
  /// The position of byte \p Offset (clamped to the text). An offset inside
  /// a multi-byte UTF-8 sequence counts as the sequence's start.
  Position position(size_t Offset, OffsetEncoding Enc) const;
  /// The byte offset of \p P. A character past the end of its line means the
  /// end of the line (as the specification says); a line past the end of the
  /// text is an error.
  llvm::Expected<size_t> offset(Position P, OffsetEncoding Enc) const;

private:
  llvm::StringRef Text;
  std::vector<size_t> Starts;
  /// Offset of the end of line \p Line's content (before its line break).
  size_t lineEnd(size_t Line) const;
};

/// The units \p Enc counts in the UTF-8 text \p Text. Bytes that are not
/// valid UTF-8 count as one unit each.
size_t measureUnits(llvm::StringRef Text, OffsetEncoding Enc);

/// `file:///a%20b/c.cpp` -> `/a b/c.cpp`. Only the `file` scheme with an
/// empty or `localhost` authority names a local file.
llvm::Expected<std::string> uriToPath(llvm::StringRef URI);
/// An absolute path -> `file://` URI, percent-encoding all but unreserved
/// characters and `/`.
std::string pathToURI(llvm::StringRef Path);

//===-- Client -> server --------------------------------------------------===//

struct TextDocumentItem {
  std::string URI;
  std::string LanguageId;
  int64_t Version = 0;
  std::string Text;
};
bool fromJSON(const llvm::json::Value &V, TextDocumentItem &R, llvm::json::Path P);

struct TextDocumentIdentifier {
  std::string URI;
};
bool fromJSON(const llvm::json::Value &V, TextDocumentIdentifier &R, llvm::json::Path P);

struct VersionedTextDocumentIdentifier {
  std::string URI;
  int64_t Version = 0;
};
bool fromJSON(const llvm::json::Value &V, VersionedTextDocumentIdentifier &R,
              llvm::json::Path P);

struct ContentChange {
  std::optional<Range> ChangedRange; ///< None: the whole text is replaced.
  std::string Text;
};
bool fromJSON(const llvm::json::Value &V, ContentChange &R, llvm::json::Path P);

struct DidOpenParams {
  TextDocumentItem Document;
};
bool fromJSON(const llvm::json::Value &V, DidOpenParams &R, llvm::json::Path P);

struct DidChangeParams {
  VersionedTextDocumentIdentifier Document;
  std::vector<ContentChange> Changes;
};
bool fromJSON(const llvm::json::Value &V, DidChangeParams &R, llvm::json::Path P);

struct DidCloseParams {
  TextDocumentIdentifier Document;
};
bool fromJSON(const llvm::json::Value &V, DidCloseParams &R, llvm::json::Path P);

struct DidSaveParams {
  TextDocumentIdentifier Document;
  std::optional<std::string> Text;
};
bool fromJSON(const llvm::json::Value &V, DidSaveParams &R, llvm::json::Path P);

/// The parts of a client-side Diagnostic a code action request is matched by.
struct ClientDiagnostic {
  Range DiagRange;
  std::string Message;
};
bool fromJSON(const llvm::json::Value &V, ClientDiagnostic &R, llvm::json::Path P);

struct CodeActionParams {
  TextDocumentIdentifier Document;
  Range RequestRange;
  std::vector<ClientDiagnostic> Diagnostics;
  std::optional<std::vector<std::string>> Only;
};
bool fromJSON(const llvm::json::Value &V, CodeActionParams &R, llvm::json::Path P);

struct InitializeParams {
  /// capabilities.general.positionEncodings, in the client's preference order.
  std::vector<std::string> PositionEncodings;
  bool RelatedInformation = false; ///< textDocument.publishDiagnostics.relatedInformation
  bool DocumentChanges = false;    ///< workspace.workspaceEdit.documentChanges
  /// initializationOptions
  std::optional<int64_t> DebounceMs;
  std::optional<std::vector<std::string>> FallbackFlags;
  std::optional<std::string> CompilationDatabasePath;
};
bool fromJSON(const llvm::json::Value &V, InitializeParams &R, llvm::json::Path P);

} // namespace aliasguard::lsp
