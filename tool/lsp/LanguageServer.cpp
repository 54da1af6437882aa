//===- lsp/LanguageServer.cpp - `aliasguard --lsp` ------------------------===//
//
// Threads: the main thread reads messages and answers requests; worker
// threads run analyses. One mutex guards the documents, the analysis queue
// and the deferred code-action requests; it is taken before the transport's
// output lock, never after, so a publish can be checked against the current
// document version and sent atomically (no stale diagnostics after a newer
// version's, none after didClose cleared them).
//
//===----------------------------------------------------------------------===//
#include "lsp/LanguageServer.h"

#include "clang/Basic/Stack.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/thread.h"

#include <chrono>
#include <condition_variable>
#include <map>
#include <unistd.h>

using namespace llvm;

namespace aliasguard::lsp {

namespace {

using Clock = std::chrono::steady_clock;

/// A fix edit with the document version its positions refer to.
struct VersionedFix {
  std::string URI;
  std::optional<int64_t> Version; ///< None: a file that was not open.
  Range R;
  std::string NewText;
};

struct PublishedDiagnostic {
  json::Value JSON = nullptr; ///< Exactly as published.
  Range R;
  std::string Message;
  std::vector<VersionedFix> Fixes;
  std::string FixTitle;
};

struct Document {
  std::string URI;
  std::string Path; ///< Empty when the URI names no local file.
  std::string LanguageId;
  int64_t Version = 0;
  std::shared_ptr<const std::string> Text;
  /// Unique per content: a result is current when its generation is.
  uint64_t Generation = 0;
  bool Analysable = false;

  std::optional<uint64_t> ResultGeneration;
  std::vector<PublishedDiagnostic> Results;
};

struct PendingCodeAction {
  json::Value ID;
  std::string URI;
  uint64_t Generation;
  CodeActionParams Params;
};

/// languageIds of C++ documents (VS Code / Neovim say "cpp", eglot "c++").
bool isCppLanguage(StringRef Id) {
  return is_contained({"cpp", "c++", "cuda-cpp", "objective-cpp", "objective-c++"}, Id);
}

/// CodeActionKinds are hierarchical: "quickfix" is wanted by an `only` of
/// "quickfix" (or a parent of it), not by "quickfix.sub" or "refactor".
bool kindWanted(StringRef Kind, const std::optional<std::vector<std::string>> &Only) {
  if (!Only || Only->empty())
    return true;
  return any_of(*Only, [&](const std::string &K) {
    return K.empty() || Kind == K || Kind.starts_with(K + ".");
  });
}

class Server {
public:
  Server(Transport &T, Logger &Log, Analyzer &A, const ServerOptions &Opts)
      : T(T), Log(Log), A(A), Opts(Opts), DebounceMs(Opts.DebounceMs),
        CommandLineAnalysis(Opts.Analysis) {
    unsigned N = Opts.Workers ? Opts.Workers : llvm::hardware_concurrency().compute_thread_count();
    for (unsigned I = 0; I < std::max(1u, N); ++I)
      Workers.emplace_back(std::optional<unsigned>(clang::DesiredStackSize), [this, I] {
        llvm::set_thread_name(formatv("ag-lsp-worker-{0}", I).str());
        workerLoop();
      });
  }
  ~Server() { stop(); }

  int run();

private:
  //===-- Messages (main thread) ------------------------------------------===//
  /// Returns true on `exit`.
  bool handleMessage(StringRef Body);
  void onRequest(StringRef Method, const json::Value &ID, const json::Value *Params);
  bool onNotification(StringRef Method, const json::Value *Params);

  void reply(const json::Value &ID, json::Value Result) {
    if (Log.enabled(LogLevel::Verbose))
      Log.verbose(formatv("--> reply {0}", ID).str());
    T.send(json::Object{{"jsonrpc", "2.0"}, {"id", ID}, {"result", std::move(Result)}});
  }
  void replyError(const json::Value &ID, ErrorCode Code, const Twine &Message) {
    Log.info(formatv("--> error {0} for request {1}: {2}", int(Code), ID, Message.str()).str());
    T.send(json::Object{{"jsonrpc", "2.0"},
                        {"id", ID},
                        {"error", json::Object{{"code", int(Code)}, {"message", Message.str()}}}});
  }
  void notify(StringRef Method, json::Value Params) {
    T.send(json::Object{{"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
  }

  /// Parses \p Params into \p Out; on failure \p Error names what is wrong.
  template <typename T> bool parseParams(const json::Value *Params, T &Out, std::string &Error) {
    if (!Params) {
      Error = "missing params";
      return false;
    }
    json::Path::Root Root("params");
    if (fromJSON(*Params, Out, Root))
      return true;
    Error = toString(Root.getError());
    return false;
  }

  void onInitialize(const json::Value &ID, const json::Value *Params);
  void onCodeAction(const json::Value &ID, const json::Value *Params);
  void onDidOpen(const DidOpenParams &P);
  void onDidChange(const DidChangeParams &P);
  void onDidClose(const DidCloseParams &P);
  void onDidSave(const DidSaveParams &P);
  void onCancel(const json::Value &ID);

  //===-- Documents and analyses (under Mutex) ----------------------------===//
  void scheduleLocked(const std::string &URI, Clock::duration Delay);
  /// Answers deferred code actions on \p URI that a change made moot.
  void abandonPendingLocked(StringRef URI, uint64_t CurrentGeneration);
  void closeLocked(const std::string &URI);
  void publishLocked(const std::string &URI, uint64_t Generation,
                     const std::map<std::string, std::pair<std::string, int64_t>> &Snapshot,
                     AnalysisResult Result);
  json::Value codeActionsLocked(const Document &D, const CodeActionParams &P);
  std::string uriForPathLocked(StringRef Path) const;
  void workerLoop();
  void waitIdle();
  void stop();

  Transport &T;
  Logger &Log;
  Analyzer &A;
  const ServerOptions &Opts;

  // Main thread only.
  bool Initialized = false;

  std::mutex Mutex;
  std::condition_variable CV;                     ///< Queue, in-flight set or stop flag changed.
  std::map<std::string, Document> Documents;      ///< By URI.
  std::map<std::string, Clock::time_point> Queue; ///< URI -> when to analyse.
  StringSet<> InFlight;
  std::vector<PendingCodeAction> Pending;
  uint64_t NextGeneration = 1;
  bool ShutdownRequested = false;
  bool Stopping = false;
  unsigned DebounceMs;
  OffsetEncoding Encoding = OffsetEncoding::UTF16;
  bool RelatedInformation = false;
  bool DocumentChanges = false;
  AnalyzerOptions CommandLineAnalysis; ///< initializationOptions start from these.
  std::vector<llvm::thread> Workers;
};

int Server::run() {
  std::string Body, Error;
  while (true) {
    switch (T.read(Body, Error)) {
    case Transport::ReadStatus::EndOfInput:
      Log.error("end of input without an exit notification");
      stop();
      return 1;
    case Transport::ReadStatus::FramingError:
      replyError(nullptr, ErrorCode::ParseError, "bad message framing: " + Error);
      continue;
    case Transport::ReadStatus::Message:
      break;
    }
    if (Log.enabled(LogLevel::Verbose))
      Log.verbose("<-- " + Body);
    if (Opts.Sync)
      waitIdle();
    if (handleMessage(Body)) {
      bool Clean;
      {
        std::lock_guard<std::mutex> Lock(Mutex);
        Clean = ShutdownRequested;
      }
      if (!Clean)
        Log.error("exit without a shutdown request");
      stop();
      return Clean ? 0 : 1;
    }
  }
}

bool Server::handleMessage(StringRef Body) {
  Expected<json::Value> Message = json::parse(Body);
  if (!Message) {
    replyError(nullptr, ErrorCode::ParseError, "invalid JSON: " + toString(Message.takeError()));
    return false;
  }
  json::Object *O = Message->getAsObject();
  if (!O) {
    replyError(nullptr, ErrorCode::InvalidRequest,
               Message->kind() == json::Value::Array ? "batch messages are not supported by LSP"
                                                     : "a message must be a JSON object");
    return false;
  }
  std::optional<json::Value> ID;
  if (const json::Value *I = O->get("id")) {
    bool IsInteger = I->kind() == json::Value::Number && I->getAsInteger();
    if (!IsInteger && I->kind() != json::Value::String) {
      replyError(nullptr, ErrorCode::InvalidRequest, "'id' must be an integer or a string");
      return false;
    }
    ID = *I;
  }
  json::Value ReplyID = ID ? *ID : json::Value(nullptr);
  std::optional<StringRef> Version = O->getString("jsonrpc");
  if (!Version || *Version != "2.0") {
    replyError(ReplyID, ErrorCode::InvalidRequest, "'jsonrpc' must be \"2.0\"");
    return false;
  }
  const json::Value *MethodValue = O->get("method");
  if (!MethodValue) {
    if (ID && (O->get("result") || O->get("error"))) {
      Log.verbose("ignoring a response: the server sends no requests");
      return false;
    }
    replyError(ReplyID, ErrorCode::InvalidRequest, "a request needs a 'method'");
    return false;
  }
  std::optional<StringRef> Method = MethodValue->getAsString();
  if (!Method) {
    replyError(ReplyID, ErrorCode::InvalidRequest, "'method' must be a string");
    return false;
  }
  const json::Value *Params = O->get("params");
  // `"params": null` (sent by some clients with shutdown and exit) is no
  // params at all.
  if (Params && Params->kind() == json::Value::Null)
    Params = nullptr;
  if (Params && Params->kind() != json::Value::Object && Params->kind() != json::Value::Array) {
    if (ID)
      replyError(*ID, ErrorCode::InvalidRequest, "'params' must be an object or an array");
    else
      Log.error("ignoring notification " + *Method + ": 'params' must be an object or an array");
    return false;
  }
  if (ID) {
    onRequest(*Method, *ID, Params);
    return false;
  }
  return onNotification(*Method, Params);
}

void Server::onRequest(StringRef Method, const json::Value &ID, const json::Value *Params) {
  if (Method == "initialize") {
    if (Initialized)
      return replyError(ID, ErrorCode::InvalidRequest, "the server is already initialized");
    return onInitialize(ID, Params);
  }
  if (!Initialized)
    return replyError(ID, ErrorCode::ServerNotInitialized,
                      "the server is not initialized: '" + Method +
                          "' before the initialize request");
  bool ShuttingDown;
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    ShuttingDown = ShutdownRequested;
  }
  if (ShuttingDown)
    return replyError(ID, ErrorCode::InvalidRequest,
                      "the server is shutting down: only 'exit' is accepted");
  if (Method == "shutdown") {
    std::lock_guard<std::mutex> Lock(Mutex);
    ShutdownRequested = true;
    Queue.clear();
    for (PendingCodeAction &P : Pending)
      replyError(P.ID, ErrorCode::RequestCancelled, "the server is shutting down");
    Pending.clear();
    CV.notify_all();
    reply(ID, nullptr);
    return;
  }
  if (Method == "textDocument/codeAction")
    return onCodeAction(ID, Params);
  replyError(ID, ErrorCode::MethodNotFound, "method not found: " + Method);
}

bool Server::onNotification(StringRef Method, const json::Value *Params) {
  if (Method == "exit")
    return true;
  if (!Initialized) {
    Log.info("ignoring notification " + Method + " before initialize");
    return false;
  }
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    if (ShutdownRequested) {
      Log.info("ignoring notification " + Method + " after shutdown");
      return false;
    }
  }
  std::string Error;
  auto Handle = [&](auto Parsed, auto Handler) {
    if (parseParams(Params, Parsed, Error))
      (this->*Handler)(Parsed);
    else
      Log.error("ignoring notification " + Method + ": " + Error);
  };
  if (Method == "initialized") {
    Log.verbose("client initialized");
  } else if (Method == "textDocument/didOpen") {
    Handle(DidOpenParams(), &Server::onDidOpen);
  } else if (Method == "textDocument/didChange") {
    Handle(DidChangeParams(), &Server::onDidChange);
  } else if (Method == "textDocument/didClose") {
    Handle(DidCloseParams(), &Server::onDidClose);
  } else if (Method == "textDocument/didSave") {
    Handle(DidSaveParams(), &Server::onDidSave);
  } else if (Method == "$/cancelRequest") {
    const json::Object *O = Params ? Params->getAsObject() : nullptr;
    const json::Value *ID = O ? O->get("id") : nullptr;
    if (ID && (ID->getAsInteger() || ID->getAsString()))
      onCancel(*ID);
    else
      Log.error("ignoring $/cancelRequest without an integer or string 'id'");
  } else {
    // Unknown notifications ($/setTrace, workspace/didChangeConfiguration,
    // ...) are ignored, as JSON-RPC requires.
    Log.verbose("ignoring notification " + Method);
  }
  return false;
}

void Server::onInitialize(const json::Value &ID, const json::Value *Params) {
  InitializeParams P;
  std::string Error;
  if (!parseParams(Params, P, Error))
    return replyError(ID, ErrorCode::InvalidParams, Error);
  // The client lists encodings by preference; without a list it is UTF-16.
  OffsetEncoding Enc = OffsetEncoding::UTF16;
  for (const std::string &Name : P.PositionEncodings)
    if (std::optional<OffsetEncoding> E = parseEncoding(Name)) {
      Enc = *E;
      break;
    }
  AnalyzerOptions Analysis = CommandLineAnalysis;
  if (P.FallbackFlags)
    Analysis.FallbackFlags = *P.FallbackFlags;
  if (P.CompilationDatabasePath)
    Analysis.CompileCommandsDir = *P.CompilationDatabasePath;
  if (P.FallbackFlags || P.CompilationDatabasePath)
    if (llvm::Error E = A.configure(Analysis))
      return replyError(ID, ErrorCode::InvalidParams,
                        "initializationOptions.compilationDatabasePath: " + toString(std::move(E)));
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    Encoding = Enc;
    RelatedInformation = P.RelatedInformation;
    DocumentChanges = P.DocumentChanges;
    if (P.DebounceMs)
      DebounceMs = static_cast<unsigned>(std::min<int64_t>(*P.DebounceMs, 60000));
  }
  Initialized = true;
  Log.info(formatv("initialized: positions in {0}, debounce {1} ms", encodingName(Enc), DebounceMs)
               .str());
  reply(ID,
        json::Object{
            {"capabilities",
             json::Object{
                 {"positionEncoding", encodingName(Enc)},
                 {"textDocumentSync", json::Object{{"openClose", true},
                                                   {"change", 2}, // incremental
                                                   {"save", json::Object{{"includeText", false}}}}},
                 {"codeActionProvider", json::Object{{"codeActionKinds", json::Array{"quickfix"}},
                                                     {"resolveProvider", false}}},
             }},
            {"serverInfo", json::Object{{"name", "aliasguard"}, {"version", Opts.Version}}},
        });
}

void Server::onDidOpen(const DidOpenParams &P) {
  Document D;
  D.URI = P.Document.URI;
  D.LanguageId = P.Document.LanguageId;
  D.Version = P.Document.Version;
  D.Text = std::make_shared<const std::string>(P.Document.Text);
  Expected<std::string> Path = uriToPath(D.URI);
  if (Path)
    D.Path = std::move(*Path);
  D.Analysable = Path && isCppLanguage(D.LanguageId);
  if (!Path)
    Log.info("not analysing " + D.URI + ": " + toString(Path.takeError()));
  else if (!D.Analysable)
    Log.info("not analysing " + D.URI + ": language '" + D.LanguageId + "' is not C++");
  std::lock_guard<std::mutex> Lock(Mutex);
  D.Generation = NextGeneration++;
  abandonPendingLocked(D.URI, D.Generation);
  std::string URI = D.URI;
  bool Analysable = D.Analysable;
  Documents[URI] = std::move(D);
  if (Analysable)
    scheduleLocked(URI, std::chrono::milliseconds(DebounceMs));
}

void Server::onDidChange(const DidChangeParams &P) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Documents.find(P.Document.URI);
  if (It == Documents.end()) {
    Log.error("didChange for " + P.Document.URI + ", which is not open");
    return;
  }
  Document &D = It->second;
  std::string Text = *D.Text;
  for (const ContentChange &C : P.Changes) {
    if (!C.ChangedRange) {
      Text = C.Text;
      continue;
    }
    LineIndex Index(Text);
    Expected<size_t> Begin = Index.offset(C.ChangedRange->Start, Encoding);
    Expected<size_t> End =
        Begin ? Index.offset(C.ChangedRange->End, Encoding) : Expected<size_t>(0);
    std::string Why;
    if (!Begin)
      Why = toString(Begin.takeError());
    else if (!End)
      Why = toString(End.takeError());
    else if (*End < *Begin)
      Why = "the range ends before it starts";
    if (!Why.empty()) {
      // The document's contents are unknown from here on: forget it rather
      // than analyse (and offer edits to) text the user does not have.
      std::string Message = "aliasguard: cannot apply a change to " + P.Document.URI + " (" + Why +
                            "); reopen the document to analyse it again";
      Log.error(Message);
      notify("window/showMessage", json::Object{{"type", 1}, {"message", Message}});
      closeLocked(P.Document.URI);
      return;
    }
    Text.replace(*Begin, *End - *Begin, C.Text);
  }
  D.Text = std::make_shared<const std::string>(std::move(Text));
  D.Version = P.Document.Version;
  D.Generation = NextGeneration++;
  abandonPendingLocked(D.URI, D.Generation);
  if (D.Analysable)
    scheduleLocked(D.URI, std::chrono::milliseconds(DebounceMs));
}

void Server::onDidClose(const DidCloseParams &P) {
  std::lock_guard<std::mutex> Lock(Mutex);
  if (!Documents.count(P.Document.URI)) {
    Log.error("didClose for " + P.Document.URI + ", which is not open");
    return;
  }
  closeLocked(P.Document.URI);
}

void Server::onDidSave(const DidSaveParams &P) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Documents.find(P.Document.URI);
  if (It == Documents.end()) {
    Log.error("didSave for " + P.Document.URI + ", which is not open");
    return;
  }
  if (P.Text && *P.Text != *It->second.Text) {
    It->second.Text = std::make_shared<const std::string>(*P.Text);
    It->second.Generation = NextGeneration++;
    abandonPendingLocked(It->first, It->second.Generation);
  }
  // A saved file may be included by the other open documents: re-analyse
  // them all (what is on disk may also have changed for them).
  for (auto &[URI, D] : Documents)
    if (D.Analysable)
      scheduleLocked(URI, std::chrono::milliseconds(DebounceMs));
}

void Server::onCancel(const json::Value &ID) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = find_if(Pending, [&](const PendingCodeAction &P) { return P.ID == ID; });
  if (It == Pending.end()) {
    // Requests other than a deferred code action are answered before the
    // next message is read: nothing left to cancel.
    Log.verbose(formatv("$/cancelRequest for {0}: already answered", ID).str());
    return;
  }
  replyError(It->ID, ErrorCode::RequestCancelled, "request cancelled");
  Pending.erase(It);
}

void Server::onCodeAction(const json::Value &ID, const json::Value *Params) {
  CodeActionParams P;
  std::string Error;
  if (!parseParams(Params, P, Error))
    return replyError(ID, ErrorCode::InvalidParams, Error);
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Documents.find(P.Document.URI);
  if (It == Documents.end() || !It->second.Analysable) {
    if (It == Documents.end())
      Log.info("codeAction for " + P.Document.URI + ", which is not open");
    return reply(ID, json::Array());
  }
  Document &D = It->second;
  if (D.ResultGeneration == D.Generation)
    return reply(ID, codeActionsLocked(D, P));
  // The fixes of an older version would edit text the user no longer has:
  // answer once the current version is analysed.
  Pending.push_back({ID, D.URI, D.Generation, std::move(P)});
}

void Server::scheduleLocked(const std::string &URI, Clock::duration Delay) {
  Queue[URI] = Clock::now() + Delay;
  CV.notify_all();
}

void Server::abandonPendingLocked(StringRef URI, uint64_t CurrentGeneration) {
  erase_if(Pending, [&](const PendingCodeAction &P) {
    if (P.URI != URI || P.Generation == CurrentGeneration)
      return false;
    replyError(P.ID, ErrorCode::ContentModified,
               "the document changed before its code actions were computed");
    return true;
  });
}

void Server::closeLocked(const std::string &URI) {
  auto It = Documents.find(URI);
  if (It != Documents.end() && !It->second.Path.empty())
    A.forget(It->second.Path);
  Documents.erase(URI);
  Queue.erase(URI);
  abandonPendingLocked(URI, 0);
  CV.notify_all();
  notify("textDocument/publishDiagnostics",
         json::Object{{"uri", URI}, {"diagnostics", json::Array()}});
}

std::string Server::uriForPathLocked(StringRef Path) const {
  for (const auto &[URI, D] : Documents)
    if (D.Path == Path)
      return URI;
  return pathToURI(Path);
}

void Server::publishLocked(const std::string &URI, uint64_t Generation,
                           const std::map<std::string, std::pair<std::string, int64_t>> &Snapshot,
                           AnalysisResult Result) {
  auto It = Documents.find(URI);
  if (Result.Superseded || ShutdownRequested || It == Documents.end() ||
      It->second.Generation != Generation)
    return;
  Document &D = It->second;
  auto Locate = [&](const FileRange &F) {
    auto S = Snapshot.find(F.File);
    std::string FileURI = F.File == D.Path      ? URI
                          : S != Snapshot.end() ? S->second.first
                                                : uriForPathLocked(F.File);
    return json::Object{{"uri", FileURI}, {"range", F.R}};
  };
  std::vector<PublishedDiagnostic> Published;
  json::Array Diagnostics;
  for (AnalysedDiagnostic &AD : Result.Diagnostics) {
    PublishedDiagnostic P;
    P.R = AD.R;
    P.Message = AD.Message;
    json::Object Diag{{"range", AD.R}, {"severity", AD.IsError ? 1 : 2}, {"source", "aliasguard"}};
    if (!AD.Code.empty())
      Diag["code"] = AD.Code;
    if (!AD.Notes.empty()) {
      if (RelatedInformation) {
        json::Array Related;
        for (const RelatedNote &N : AD.Notes)
          Related.push_back(json::Object{{"location", Locate(N.Where)}, {"message", N.Message}});
        Diag["relatedInformation"] = std::move(Related);
      } else {
        // Clients without related information still get the story.
        for (const RelatedNote &N : AD.Notes)
          P.Message += formatv("\n{0}:{1}:{2}: note: {3}", N.Where.File, N.Where.R.Start.Line + 1,
                               N.Where.R.Start.Character + 1, N.Message)
                           .str();
      }
    }
    Diag["message"] = P.Message;
    for (FixEdit &F : AD.Fixes) {
      VersionedFix V;
      auto S = Snapshot.find(F.Where.File);
      if (F.Where.File == D.Path) {
        V.URI = URI;
        V.Version = D.Version;
      } else if (S != Snapshot.end()) {
        V.URI = S->second.first;
        V.Version = S->second.second;
      } else {
        V.URI = uriForPathLocked(F.Where.File);
      }
      V.R = F.Where.R;
      V.NewText = std::move(F.NewText);
      P.Fixes.push_back(std::move(V));
    }
    P.FixTitle = std::move(AD.FixTitle);
    P.JSON = json::Value(json::Object(Diag));
    Diagnostics.push_back(std::move(Diag));
    Published.push_back(std::move(P));
  }
  D.Results = std::move(Published);
  D.ResultGeneration = Generation;
  notify(
      "textDocument/publishDiagnostics",
      json::Object{{"uri", URI}, {"version", D.Version}, {"diagnostics", std::move(Diagnostics)}});
  erase_if(Pending, [&](const PendingCodeAction &P) {
    if (P.URI != URI || P.Generation != Generation)
      return false;
    reply(P.ID, codeActionsLocked(D, P.Params));
    return true;
  });
}

json::Value Server::codeActionsLocked(const Document &D, const CodeActionParams &P) {
  json::Array Actions;
  if (!kindWanted("quickfix", P.Only))
    return Actions;
  for (const PublishedDiagnostic &PD : D.Results) {
    if (PD.Fixes.empty())
      continue;
    bool Wanted =
        touches(PD.R, P.RequestRange) || any_of(P.Diagnostics, [&](const ClientDiagnostic &C) {
          return C.DiagRange == PD.R && C.Message == PD.Message;
        });
    if (!Wanted)
      continue;
    // One edit per file, in the shape the client supports.
    std::map<std::string, std::pair<std::optional<int64_t>, json::Array>> ByFile;
    for (const VersionedFix &F : PD.Fixes) {
      auto &Entry = ByFile[F.URI];
      Entry.first = F.Version;
      Entry.second.push_back(json::Object{{"range", F.R}, {"newText", F.NewText}});
    }
    json::Object Edit;
    if (DocumentChanges) {
      json::Array Changes;
      for (auto &[URI, Entry] : ByFile)
        Changes.push_back(json::Object{
            {"textDocument",
             json::Object{{"uri", URI},
                          {"version", Entry.first ? json::Value(*Entry.first) : nullptr}}},
            {"edits", std::move(Entry.second)}});
      Edit["documentChanges"] = std::move(Changes);
    } else {
      json::Object Changes;
      for (auto &[URI, Entry] : ByFile)
        Changes[URI] = std::move(Entry.second);
      Edit["changes"] = std::move(Changes);
    }
    Actions.push_back(json::Object{{"title", PD.FixTitle},
                                   {"kind", "quickfix"},
                                   {"isPreferred", true},
                                   {"diagnostics", json::Array{PD.JSON}},
                                   {"edit", std::move(Edit)}});
  }
  return Actions;
}

void Server::workerLoop() {
  std::unique_lock<std::mutex> Lock(Mutex);
  while (!Stopping) {
    // The due task that waited longest, of a file not being analysed now.
    auto Next = Queue.end();
    for (auto It = Queue.begin(); It != Queue.end(); ++It)
      if (!InFlight.contains(It->first) && (Next == Queue.end() || It->second < Next->second))
        Next = It;
    if (Next == Queue.end()) {
      CV.wait(Lock);
      continue;
    }
    if (Next->second > Clock::now()) {
      CV.wait_until(Lock, Next->second);
      continue;
    }
    std::string URI = Next->first;
    Queue.erase(Next);
    auto DocIt = Documents.find(URI);
    if (DocIt == Documents.end() || !DocIt->second.Analysable) {
      CV.notify_all(); // the queue changed: waitIdle may be done
      continue;
    }
    const Document &D = DocIt->second;
    uint64_t Generation = D.Generation;
    std::string Path = D.Path;
    OverlaySnapshot Overlay;
    std::map<std::string, std::pair<std::string, int64_t>> Versions;
    for (const auto &[OtherURI, Other] : Documents)
      if (!Other.Path.empty()) {
        Overlay.Files.push_back({Other.Path, Other.Text});
        Versions[Other.Path] = {OtherURI, Other.Version};
      }
    OffsetEncoding Enc = Encoding;
    InFlight.insert(URI);
    Lock.unlock();

    auto IsStale = [&] {
      std::lock_guard<std::mutex> Guard(Mutex);
      auto It = Documents.find(URI);
      return Stopping || ShutdownRequested || It == Documents.end() ||
             It->second.Generation != Generation;
    };
    Log.verbose("analysing " + Path);
    AnalysisResult Result = A.analyze(Path, Overlay, Enc, IsStale);
    if (Result.Superseded)
      Log.verbose("analysis of " + Path + " superseded by a newer version");

    Lock.lock();
    InFlight.erase(URI);
    publishLocked(URI, Generation, Versions, std::move(Result));
    CV.notify_all();
  }
}

void Server::waitIdle() {
  std::unique_lock<std::mutex> Lock(Mutex);
  CV.wait(Lock, [&] { return Stopping || (Queue.empty() && InFlight.empty()); });
}

void Server::stop() {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    Stopping = true;
    CV.notify_all();
  }
  for (llvm::thread &W : Workers)
    if (W.joinable())
      W.join();
}

} // namespace

int runLanguageServer(SettingsResolver &Resolver, const ServerOptions &ServerOpts) {
  Logger Log(ServerOpts.Log);
  Analyzer A(Resolver, Log);
  if (Error E = A.configure(ServerOpts.Analysis)) {
    errs() << "error: " << toString(std::move(E)) << "\n";
    return 2;
  }
  // Only protocol messages may reach the client: anything else that writes
  // to stdout (a library, a stray llvm::outs()) goes to stderr instead.
  int ProtocolFD = ::dup(STDOUT_FILENO);
  if (ProtocolFD < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    errs() << "error: cannot set up stdout for the protocol: " << strerror(errno) << "\n";
    return 2;
  }
  raw_fd_ostream Out(ProtocolFD, /*shouldClose=*/true);
  Transport T(stdin, Out, ServerOpts.Input, ServerOpts.Pretty, Log);
  int Code;
  {
    Server S(T, Log, A, ServerOpts);
    Code = S.run();
  }
  // A client that went away is not our error to report at exit.
  Out.clear_error();
  return Code;
}

} // namespace aliasguard::lsp
