//===- lsp/Protocol.cpp - LSP structures, URIs and positions --------------===//
#include "lsp/Protocol.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <algorithm>

using namespace llvm;

namespace aliasguard::lsp {

StringRef encodingName(OffsetEncoding E) {
  switch (E) {
  case OffsetEncoding::UTF8: return "utf-8";
  case OffsetEncoding::UTF16: return "utf-16";
  case OffsetEncoding::UTF32: return "utf-32";
  }
  llvm_unreachable("unknown encoding");
}

std::optional<OffsetEncoding> parseEncoding(StringRef Name) {
  if (Name == "utf-8")
    return OffsetEncoding::UTF8;
  if (Name == "utf-16")
    return OffsetEncoding::UTF16;
  if (Name == "utf-32")
    return OffsetEncoding::UTF32;
  return std::nullopt;
}

//===-- Positions ---------------------------------------------------------===//

/// Length in bytes of the valid UTF-8 sequence at the start of \p S, or 0
/// when it is not one (a stray continuation byte, a truncated or overlong
/// sequence, a surrogate, or beyond U+10FFFF).
static unsigned sequenceLength(StringRef S) {
  auto B = [&](size_t I) { return static_cast<unsigned char>(S[I]); };
  unsigned char Lead = B(0);
  if (Lead < 0x80)
    return 1;
  unsigned Len;
  uint32_t CP;
  if ((Lead & 0xE0) == 0xC0) {
    Len = 2;
    CP = Lead & 0x1F;
  } else if ((Lead & 0xF0) == 0xE0) {
    Len = 3;
    CP = Lead & 0x0F;
  } else if ((Lead & 0xF8) == 0xF0) {
    Len = 4;
    CP = Lead & 0x07;
  } else {
    return 0;
  }
  if (S.size() < Len)
    return 0;
  for (unsigned I = 1; I < Len; ++I) {
    if ((B(I) & 0xC0) != 0x80)
      return 0;
    CP = (CP << 6) | (B(I) & 0x3F);
  }
  static const uint32_t Min[] = {0, 0, 0x80, 0x800, 0x10000};
  if (CP < Min[Len] || CP > 0x10FFFF || (CP >= 0xD800 && CP <= 0xDFFF))
    return 0;
  return Len;
}

/// Units \p Enc counts for a sequence of \p Len bytes (0: one invalid byte).
static unsigned unitsOf(unsigned Len, OffsetEncoding Enc) {
  switch (Enc) {
  case OffsetEncoding::UTF8: return Len ? Len : 1;
  case OffsetEncoding::UTF16: return Len == 4 ? 2 : 1;
  case OffsetEncoding::UTF32: return 1;
  }
  llvm_unreachable("unknown encoding");
}

size_t measureUnits(StringRef Text, OffsetEncoding Enc) {
  size_t Units = 0;
  while (!Text.empty()) {
    unsigned Len = sequenceLength(Text);
    Units += unitsOf(Len, Enc);
    Text = Text.drop_front(Len ? Len : 1);
  }
  return Units;
}

LineIndex::LineIndex(StringRef Text) : Text(Text) {
  Starts.push_back(0);
  for (size_t I = 0, E = Text.size(); I < E; ++I) {
    if (Text[I] == '\n' || (Text[I] == '\r' && (I + 1 == E || Text[I + 1] != '\n')))
      Starts.push_back(I + 1);
  }
}

size_t LineIndex::lineEnd(size_t Line) const {
  if (Line + 1 >= Starts.size())
    return Text.size();
  size_t End = Starts[Line + 1];
  if (End > Starts[Line] && Text[End - 1] == '\n')
    --End;
  if (End > Starts[Line] && Text[End - 1] == '\r')
    --End;
  return End;
}

Position LineIndex::position(size_t Offset, OffsetEncoding Enc) const {
  Offset = std::min(Offset, Text.size());
  size_t Line = std::upper_bound(Starts.begin(), Starts.end(), Offset) - Starts.begin() - 1;
  size_t Start = Starts[Line];
  // Back up to the start of a multi-byte sequence the offset points into.
  for (unsigned I = 0; I < 3 && Offset > Start && Offset < Text.size() &&
                       (static_cast<unsigned char>(Text[Offset]) & 0xC0) == 0x80;
       ++I)
    --Offset;
  Position P;
  P.Line = static_cast<int>(Line);
  P.Character = static_cast<int>(measureUnits(Text.slice(Start, Offset), Enc));
  return P;
}

Expected<size_t> LineIndex::offset(Position P, OffsetEncoding Enc) const {
  if (P.Line < 0 || P.Character < 0)
    return createStringError(inconvertibleErrorCode(), "negative position %d:%d", P.Line,
                             P.Character);
  if (static_cast<size_t>(P.Line) >= Starts.size())
    return createStringError(inconvertibleErrorCode(),
                             "line %d is past the end of the document (%zu lines)", P.Line,
                             Starts.size());
  size_t Offset = Starts[P.Line], End = lineEnd(P.Line);
  size_t Units = 0, Wanted = static_cast<size_t>(P.Character);
  while (Offset < End && Units < Wanted) {
    unsigned Len = sequenceLength(Text.slice(Offset, End));
    unsigned U = unitsOf(Len, Enc);
    // A position inside a character (half of a surrogate pair) means the
    // character's start: never split a UTF-8 sequence.
    if (Units + U > Wanted)
      break;
    Units += U;
    Offset += Len ? Len : 1;
  }
  return Offset;
}

bool fromJSON(const json::Value &V, Position &P, json::Path Path) {
  json::ObjectMapper O(V, Path);
  if (!O || !O.map("line", P.Line) || !O.map("character", P.Character))
    return false;
  if (P.Line < 0) {
    Path.field("line").report("expected a non-negative integer");
    return false;
  }
  if (P.Character < 0) {
    Path.field("character").report("expected a non-negative integer");
    return false;
  }
  return true;
}

json::Value toJSON(const Position &P) {
  return json::Object{{"line", P.Line}, {"character", P.Character}};
}

bool fromJSON(const json::Value &V, Range &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("start", R.Start) && O.map("end", R.End);
}

json::Value toJSON(const Range &R) {
  return json::Object{{"start", R.Start}, {"end", R.End}};
}

//===-- URIs --------------------------------------------------------------===//

Expected<std::string> uriToPath(StringRef URI) {
  StringRef Rest = URI;
  size_t Colon = Rest.find(':');
  if (Colon == StringRef::npos)
    return createStringError(inconvertibleErrorCode(), "'%s' is not a URI",
                             URI.str().c_str());
  StringRef Scheme = Rest.take_front(Colon);
  if (!Scheme.equals_insensitive("file"))
    return createStringError(inconvertibleErrorCode(),
                             "'%s' is not a file: URI (scheme '%s' is not supported)",
                             URI.str().c_str(), Scheme.str().c_str());
  Rest = Rest.drop_front(Colon + 1);
  if (Rest.consume_front("//")) {
    StringRef Authority = Rest.take_until([](char C) { return C == '/'; });
    if (!Authority.empty() && !Authority.equals_insensitive("localhost"))
      return createStringError(inconvertibleErrorCode(),
                               "'%s' names a file on another host ('%s')",
                               URI.str().c_str(), Authority.str().c_str());
    Rest = Rest.drop_front(Authority.size());
  }
  std::string Path;
  for (size_t I = 0; I < Rest.size(); ++I) {
    if (Rest[I] == '?' || Rest[I] == '#')
      break;
    if (Rest[I] != '%') {
      Path += Rest[I];
      continue;
    }
    unsigned Byte;
    if (I + 2 >= Rest.size() || Rest.substr(I + 1, 2).getAsInteger(16, Byte))
      return createStringError(inconvertibleErrorCode(), "bad percent-encoding in URI '%s'",
                               URI.str().c_str());
    Path += static_cast<char>(Byte);
    I += 2;
  }
  if (!sys::path::is_absolute(Path, sys::path::Style::posix))
    return createStringError(inconvertibleErrorCode(), "URI '%s' has no absolute path",
                             URI.str().c_str());
  return Path;
}

std::string pathToURI(StringRef Path) {
  std::string URI = "file://";
  for (char C : Path) {
    if (isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' || C == '/')
      URI += C;
    else
      URI += formatv("%{0:X2}", static_cast<unsigned char>(C)).str();
  }
  return URI;
}

//===-- Client messages ---------------------------------------------------===//

bool fromJSON(const json::Value &V, TextDocumentItem &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("uri", R.URI) && O.map("languageId", R.LanguageId) &&
         O.map("version", R.Version) && O.map("text", R.Text);
}

bool fromJSON(const json::Value &V, TextDocumentIdentifier &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("uri", R.URI);
}

bool fromJSON(const json::Value &V, VersionedTextDocumentIdentifier &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("uri", R.URI) && O.map("version", R.Version);
}

bool fromJSON(const json::Value &V, ContentChange &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("text", R.Text) && O.mapOptional("range", R.ChangedRange);
}

bool fromJSON(const json::Value &V, DidOpenParams &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("textDocument", R.Document);
}

bool fromJSON(const json::Value &V, DidChangeParams &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("textDocument", R.Document) && O.map("contentChanges", R.Changes);
}

bool fromJSON(const json::Value &V, DidCloseParams &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("textDocument", R.Document);
}

bool fromJSON(const json::Value &V, DidSaveParams &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("textDocument", R.Document) && O.mapOptional("text", R.Text);
}

bool fromJSON(const json::Value &V, ClientDiagnostic &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("range", R.DiagRange) && O.map("message", R.Message);
}

bool fromJSON(const json::Value &V, CodeActionParams &R, json::Path P) {
  json::ObjectMapper O(V, P);
  if (!O || !O.map("textDocument", R.Document) || !O.map("range", R.RequestRange))
    return false;
  const json::Object *Context = V.getAsObject()->getObject("context");
  if (!Context) {
    if (V.getAsObject()->get("context"))
      P.field("context").report("expected object");
    else
      P.field("context").report("missing value");
    return false;
  }
  json::ObjectMapper C(*V.getAsObject()->get("context"), P.field("context"));
  return C && C.map("diagnostics", R.Diagnostics) && C.mapOptional("only", R.Only);
}

bool fromJSON(const json::Value &V, InitializeParams &R, json::Path P) {
  json::ObjectMapper O(V, P);
  if (!O)
    return false;
  const json::Object &Params = *V.getAsObject();
  // Capabilities are read leniently: an unexpected shape means "not
  // supported", as a client that sends something odd gets the defaults.
  if (const json::Object *Caps = Params.getObject("capabilities")) {
    if (const json::Object *General = Caps->getObject("general"))
      if (const json::Array *Encodings = General->getArray("positionEncodings"))
        for (const json::Value &E : *Encodings)
          if (std::optional<StringRef> S = E.getAsString())
            R.PositionEncodings.push_back(S->str());
    if (const json::Object *TD = Caps->getObject("textDocument"))
      if (const json::Object *PD = TD->getObject("publishDiagnostics"))
        R.RelatedInformation = PD->getBoolean("relatedInformation").value_or(false);
    if (const json::Object *WS = Caps->getObject("workspace"))
      if (const json::Object *WE = WS->getObject("workspaceEdit"))
        R.DocumentChanges = WE->getBoolean("documentChanges").value_or(false);
  }
  // initializationOptions are the user's configuration: wrong types are
  // errors the user must see, not silently ignored settings.
  const json::Value *Init = Params.get("initializationOptions");
  if (!Init || Init->kind() == json::Value::Null)
    return true;
  json::ObjectMapper IO(*Init, P.field("initializationOptions"));
  if (!IO || !IO.mapOptional("debounceMs", R.DebounceMs) ||
      !IO.mapOptional("fallbackFlags", R.FallbackFlags) ||
      !IO.mapOptional("compilationDatabasePath", R.CompilationDatabasePath))
    return false;
  if (R.DebounceMs && *R.DebounceMs < 0) {
    P.field("initializationOptions").field("debounceMs").report(
        "expected a non-negative integer");
    return false;
  }
  return true;
}

} // namespace aliasguard::lsp
