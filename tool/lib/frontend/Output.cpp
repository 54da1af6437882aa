//===- Output.cpp - JSON and SARIF renderings of findings -----------------===//
#include "aliasguard/Output.h"

#include "clang/AST/Decl.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/FileManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA1.h"

#include <algorithm>
#include <map>

using namespace clang;
using namespace llvm;

namespace aliasguard {

/// UTF-16 code units of UTF-8 \p Text: one per character, two for those
/// outside the Basic Multilingual Plane (4-byte sequences); a stray byte
/// counts as one, as a decoder's replacement character would.
static unsigned utf16Length(StringRef Text) {
  unsigned N = 0;
  for (unsigned char C : Text) {
    if ((C & 0xC0) == 0x80)
      continue; // a continuation byte
    N += C >= 0xF0 ? 2 : 1;
  }
  return N;
}

ResolvedLocation resolveLocation(SourceLocation Loc, const SourceManager &SM,
                                 const LangOptions *LangOpts) {
  ResolvedLocation R;
  if (Loc.isInvalid())
    return R;
  SourceLocation FileLoc = SM.getFileLoc(Loc);
  // Presumed locations honour #line, as clang's own text diagnostics do.
  PresumedLoc P = SM.getPresumedLoc(FileLoc);
  if (P.isInvalid())
    return R;
  // Absolute, against the compile command's directory (the file manager's
  // working directory): a relative name would be ambiguous once the
  // SourceManager is gone, and SARIF needs a path it can relativise.
  SmallString<256> Path(P.getFilename());
  SM.getFileManager().makeAbsolutePath(Path);
  sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  R.File = std::string(Path);
  R.Line = P.getLine();
  R.Column = P.getColumn();
  R.Offset = SM.getFileOffset(FileLoc);
  if (LangOpts)
    R.TokenLength = Lexer::MeasureTokenLength(FileLoc, SM, *LangOpts);
  // UTF-16 columns, from the line's text.
  bool Invalid = false;
  StringRef Text = SM.getBufferData(SM.getFileID(FileLoc), &Invalid);
  if (!Invalid && R.Offset <= Text.size()) {
    size_t LineStart = Text.take_front(R.Offset).rfind('\n');
    LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
    R.Column16 = utf16Length(Text.slice(LineStart, R.Offset)) + 1;
    StringRef Token = Text.substr(R.Offset, R.TokenLength);
    if (R.TokenLength && Token.size() == R.TokenLength && !Token.contains('\n'))
      R.EndColumn16 = R.Column16 + utf16Length(Token);
  }
  return R;
}

static ResolvedLocation resolve(SourceLocation Loc, const SourceManager &SM,
                                const LangOptions *LangOpts = nullptr) {
  return resolveLocation(Loc, SM, LangOpts);
}

ResolvedFinding resolveFinding(const Finding &F, const SourceManager &SM,
                               const LangOptions &LangOpts, Severity Level) {
  ResolvedFinding R;
  R.Check = F.Check;
  R.Level = Level;
  R.Loc = resolve(F.Loc, SM, &LangOpts);
  R.Message = F.Message;
  for (const Note &N : F.Notes)
    R.Notes.push_back({resolve(N.Loc, SM, &LangOpts), N.Message});
  for (const FixItHint &Fix : F.FixIts) {
    // Token ranges become character ranges so that Length is in bytes.
    CharSourceRange Range = Lexer::makeFileCharRange(Fix.RemoveRange, SM, LangOpts);
    ResolvedFixIt RF;
    RF.Replacement = Fix.CodeToInsert;
    if (Range.isValid()) {
      RF.Begin = resolve(Range.getBegin(), SM);
      unsigned End = SM.getFileOffset(Range.getEnd());
      if (SM.getFileID(Range.getBegin()) != SM.getFileID(Range.getEnd()) || End < RF.Begin.Offset)
        RF.Begin = ResolvedLocation();
      RF.Length = End - RF.Begin.Offset;
    }
    if (!RF.Begin.valid()) {
      R.FixIts.clear();
      break;
    }
    R.FixIts.push_back(std::move(RF));
  }
  return R;
}

namespace {
/// The innermost function with a body whose source range holds a location;
/// declarations that cannot hold it are not entered.
class EnclosingFunction : public RecursiveASTVisitor<EnclosingFunction> {
public:
  EnclosingFunction(const SourceManager &SM, SourceLocation Loc) : SM(SM), Loc(Loc) {}
  bool shouldVisitTemplateInstantiations() const { return false; }
  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D)) {
      CharSourceRange R = SM.getExpansionRange(D->getSourceRange());
      if (R.getBegin().isInvalid() || R.getEnd().isInvalid() ||
          SM.isBeforeInTranslationUnit(Loc, R.getBegin()) ||
          SM.isBeforeInTranslationUnit(R.getEnd(), Loc))
        return true;
    }
    if (auto *FD = dyn_cast<FunctionDecl>(D); FD && FD->doesThisDeclarationHaveABody())
      Found = FD;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  const FunctionDecl *Found = nullptr;

private:
  const SourceManager &SM;
  SourceLocation Loc;
};

/// The line of \p Loc with runs of whitespace collapsed to one space and
/// none at either end.
std::string normalisedLine(SourceLocation Loc, const SourceManager &SM) {
  if (Loc.isInvalid())
    return "";
  auto [FID, Offset] = SM.getDecomposedLoc(SM.getExpansionLoc(Loc));
  bool Invalid = false;
  StringRef Text = SM.getBufferData(FID, &Invalid);
  if (Invalid || Offset > Text.size())
    return "";
  size_t Begin = Text.rfind('\n', Offset == 0 ? 0 : Offset - 1);
  Begin = Begin == StringRef::npos || Offset == 0 ? 0 : Begin + 1;
  StringRef Line = Text.substr(Begin).take_until([](char C) { return C == '\n'; });
  std::string Out;
  for (char C : Line) {
    if (isSpace(C)) {
      if (!Out.empty() && Out.back() != ' ')
        Out += ' ';
    } else {
      Out += C;
    }
  }
  if (!Out.empty() && Out.back() == ' ')
    Out.pop_back();
  return Out;
}
} // namespace

/// \p File relative to \p Root when inside it, else absolute; '/'-separated.
static std::string relativePath(StringRef File, StringRef Root) {
  SmallString<256> Abs(File);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  SmallString<256> RootAbs(Root);
  sys::fs::make_absolute(RootAbs);
  sys::path::remove_dots(RootAbs, /*remove_dot_dot=*/true);
  StringRef Rel = Abs;
  if (!RootAbs.empty() && Rel.consume_front(RootAbs) &&
      (Rel.consume_front("/") || RootAbs.ends_with("/")))
    return sys::path::convert_to_slash(Rel);
  return sys::path::convert_to_slash(Abs);
}

std::string findingFingerprint(const Finding &F, ASTContext &Ctx, StringRef RootDir) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::string File;
  if (F.Loc.isValid())
    File = relativePath(resolve(F.Loc, SM).File, RootDir);
  std::string Function;
  if (F.Loc.isValid()) {
    EnclosingFunction Finder(SM, SM.getExpansionLoc(F.Loc));
    Finder.TraverseDecl(Ctx.getTranslationUnitDecl());
    if (Finder.Found)
      Function = Finder.Found->getQualifiedNameAsString();
  }
  SHA1 Hash;
  auto Add = [&](StringRef Part) {
    Hash.update(Part);
    Hash.update(StringRef("\0", 1));
  };
  Add(checkName(F.Check));
  Add(File);
  Add(Function);
  Add(normalisedLine(F.Loc, SM));
  for (const Note &N : F.Notes)
    Add(normalisedLine(N.Loc, SM));
  return toHex(Hash.final(), /*LowerCase=*/true);
}

Expected<std::vector<std::string>> readBaselineFingerprints(StringRef Path) {
  auto Fail = [&](const Twine &Why) {
    return createStringError(inconvertibleErrorCode(), "--baseline %s: %s", Path.str().c_str(),
                             Why.str().c_str());
  };
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buffer = MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return Fail("cannot read it: " + Buffer.getError().message());
  Expected<json::Value> Doc = json::parse((*Buffer)->getBuffer());
  if (!Doc)
    return Fail("not JSON: " + toString(Doc.takeError()));
  const json::Object *Root = Doc->getAsObject();
  std::vector<std::string> Out;
  if (Root && Root->getArray("runs")) {
    // SARIF: every result's partialFingerprints.
    for (const json::Value &Run : *Root->getArray("runs")) {
      const json::Object *R = Run.getAsObject();
      const json::Array *Results = R ? R->getArray("results") : nullptr;
      if (!Results)
        return Fail("a SARIF run without 'results'");
      for (const json::Value &Result : *Results) {
        const json::Object *O = Result.getAsObject();
        const json::Object *FP = O ? O->getObject("partialFingerprints") : nullptr;
        std::optional<StringRef> Value = FP ? FP->getString(FingerprintKey) : std::nullopt;
        if (!Value)
          return Fail("a SARIF result without partialFingerprints." + FingerprintKey +
                      " (not an output of this aliasguard version?)");
        Out.push_back(Value->str());
      }
    }
    return Out;
  }
  const json::Array *Findings = Root ? Root->getArray("findings") : nullptr;
  if (!Findings)
    return Fail("neither aliasguard's JSON output ('findings') nor SARIF ('runs')");
  for (const json::Value &Finding : *Findings) {
    const json::Object *O = Finding.getAsObject();
    std::optional<StringRef> Value = O ? O->getString("fingerprint") : std::nullopt;
    if (!Value)
      return Fail("a finding without 'fingerprint' (not an output of this aliasguard version?)");
    Out.push_back(Value->str());
  }
  return Out;
}

static StringRef severityName(Severity S) { return S == Severity::Error ? "error" : "warning"; }

static json::Object locationJSON(const ResolvedLocation &L) {
  return json::Object{
      {"file", L.File}, {"line", L.Line}, {"column", L.Column}, {"offset", L.Offset}};
}

json::Value findingsToJSON(ArrayRef<ResolvedFinding> Findings, ArrayRef<FileFailure> Failures) {
  json::Array Out;
  for (const ResolvedFinding &F : Findings) {
    json::Array Notes, Fixes;
    for (const ResolvedNote &N : F.Notes) {
      json::Object O = locationJSON(N.Loc);
      O["message"] = N.Message;
      Notes.push_back(std::move(O));
    }
    for (const ResolvedFixIt &X : F.FixIts) {
      json::Object O = locationJSON(X.Begin);
      O["length"] = X.Length;
      O["replacement"] = X.Replacement;
      Fixes.push_back(std::move(O));
    }
    json::Object O = locationJSON(F.Loc);
    O["check"] = checkName(F.Check);
    O["severity"] = severityName(F.Level);
    O["message"] = F.Message;
    O["notes"] = std::move(Notes);
    O["fixits"] = std::move(Fixes);
    if (!F.Fingerprint.empty())
      O["fingerprint"] = F.Fingerprint;
    Out.push_back(std::move(O));
  }
  json::Array Failed;
  for (const FileFailure &X : Failures) {
    json::Object O{{"file", X.File}, {"message", X.Message}};
    if (X.Where.valid()) {
      O["errorFile"] = X.Where.File;
      O["line"] = X.Where.Line;
      O["column"] = X.Where.Column;
    }
    Failed.push_back(std::move(O));
  }
  return json::Object{
      {"version", 1}, {"findings", std::move(Out)}, {"failedFiles", std::move(Failed)}};
}

/// A minimal RFC 3986 escaping of a path for a URI: unreserved characters and
/// '/' pass, everything else is percent-encoded.
static std::string uriEscape(StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (isAlnum(C) || StringRef("-._~/").contains(C)) {
      Out += C;
    } else {
      Out += '%';
      Out += hexdigit(C >> 4);
      Out += hexdigit(C & 15);
    }
  }
  return Out;
}

/// Relative to the SARIF root (uriBaseId) when inside it, else a file URI.
static std::string artifactURI(StringRef File, StringRef Root) {
  std::string Path = relativePath(File, Root);
  if (sys::path::is_absolute(Path))
    return "file://" + uriEscape(Path);
  return uriEscape(Path);
}

/// Columns in UTF-16 code units (the run's columnKind); the byte column when
/// the line could not be read.
static json::Object sarifLocation(const ResolvedLocation &L, StringRef Root) {
  json::Object Region{{"startLine", L.Line}, {"startColumn", L.Column16 ? L.Column16 : L.Column}};
  if (L.Column16 && L.EndColumn16 > L.Column16)
    Region["endColumn"] = L.EndColumn16;
  return json::Object{
      {"physicalLocation",
       json::Object{{"artifactLocation", json::Object{{"uri", artifactURI(L.File, Root)}}},
                    {"region", std::move(Region)}}}};
}

namespace {
#define AG_CHECK_DOC(Name, Text) {Name, Text},
const std::pair<StringRef, StringRef> CheckPages[] = {
#include "aliasguard/CheckDocs.inc"
    {"", ""}};
#undef AG_CHECK_DOC

/// \p Target names something outside the page itself that a reader of the
/// SARIF log can open: a URL with a scheme.
bool isAbsoluteLink(StringRef Target) {
  size_t Colon = Target.find(':');
  return Colon != StringRef::npos && Colon > 0 && all_of(Target.take_front(Colon), [](char C) {
           return isAlnum(C) || C == '+' || C == '-';
         });
}

/// Markdown inline links and images `[text](target)` whose target is a file
/// of this repository (relative) become `text`: in a user's repository or
/// on GitHub's alert page such a link would lead nowhere. Code (fenced
/// blocks, `spans`) is left alone.
std::string dropRelativeLinks(StringRef Page) {
  std::string Out;
  bool InFence = false;
  SmallVector<StringRef, 0> Lines;
  Page.split(Lines, '\n');
  for (size_t LineNo = 0; LineNo < Lines.size(); ++LineNo) {
    StringRef Line = Lines[LineNo];
    if (LineNo)
      Out += '\n';
    StringRef Trimmed = Line.ltrim(' ');
    if (Trimmed.starts_with("```") || Trimmed.starts_with("~~~")) {
      InFence = !InFence;
      Out += Line;
      continue;
    }
    if (InFence) {
      Out += Line;
      continue;
    }
    for (size_t I = 0; I < Line.size();) {
      char C = Line[I];
      if (C == '`') {
        // A code span: up to the next run of as many backticks.
        size_t Ticks = Line.substr(I).find_first_not_of('`');
        Ticks = Ticks == StringRef::npos ? Line.size() - I : Ticks;
        size_t Close = Line.find(Line.substr(I, Ticks), I + Ticks);
        size_t End = Close == StringRef::npos ? I + Ticks : Close + Ticks;
        Out += Line.slice(I, End);
        I = End;
        continue;
      }
      if (C == '[' || (C == '!' && Line.substr(I + 1).starts_with("["))) {
        size_t Open = C == '!' ? I + 1 : I;
        size_t CloseText = Line.find("](", Open);
        size_t CloseLink =
            CloseText == StringRef::npos ? StringRef::npos : Line.find(')', CloseText);
        if (CloseLink != StringRef::npos) {
          StringRef Text = Line.slice(Open + 1, CloseText);
          StringRef Target = Line.slice(CloseText + 2, CloseLink);
          if (!Text.contains('[') && !isAbsoluteLink(Target)) {
            Out += Text;
            I = CloseLink + 1;
            continue;
          }
        }
      }
      Out += C;
      ++I;
    }
  }
  return Out;
}
} // namespace

std::string checkHelpMarkdown(CheckKind K) {
  StringRef Name = checkName(K);
  Name.consume_front("aliasguard-");
  for (const auto &[Page, Text] : CheckPages)
    if (!Page.empty() && Page == Name)
      return dropRelativeLinks(Text);
  return "";
}

json::Value findingsToSARIF(ArrayRef<ResolvedFinding> Findings, const SarifOptions &Options,
                            ArrayRef<FileFailure> Failures) {
  std::string Root = Options.RootDir;
  if (Root.empty()) {
    SmallString<256> Cwd;
    if (!sys::fs::current_path(Cwd))
      Root = std::string(Cwd);
  }

  json::Array Rules;
  for (CheckKind K : allChecks()) {
    // The help is the check's whole page (its markdown reads as text too);
    // without one, the description.
    std::string Help = checkHelpMarkdown(K);
    if (Help.empty())
      Help = ("**" + checkName(K) + "**: " + checkDescription(K)).str();
    Rules.push_back(json::Object{{"id", checkName(K)},
                                 {"name", checkName(K)},
                                 {"shortDescription", json::Object{{"text", checkSummary(K)}}},
                                 {"fullDescription", json::Object{{"text", checkDescription(K)}}},
                                 {"help", json::Object{{"text", Help}, {"markdown", Help}}},
                                 {"defaultConfiguration", json::Object{{"level", "warning"}}}});
  }

  json::Array Results;
  for (const ResolvedFinding &F : Findings) {
    // Notes become related locations (ids 1..n) and, together with the
    // finding, a code flow in source order: alias made -> write -> stale read,
    // the way the static analyzer's SARIF tells a path.
    json::Array Related;
    struct Step {
      const ResolvedLocation *Loc;
      StringRef Message;
    };
    std::vector<Step> Steps;
    Steps.push_back({&F.Loc, F.Message});
    unsigned Id = 1;
    for (const ResolvedNote &N : F.Notes) {
      if (!N.Loc.valid())
        continue;
      json::Object O = sarifLocation(N.Loc, Root);
      O["id"] = Id++;
      O["message"] = json::Object{{"text", N.Message}};
      Related.push_back(std::move(O));
      Steps.push_back({&N.Loc, N.Message});
    }
    std::stable_sort(Steps.begin(), Steps.end(), [](const Step &A, const Step &B) {
      return std::tie(A.Loc->File, A.Loc->Offset) < std::tie(B.Loc->File, B.Loc->Offset);
    });
    json::Array FlowLocations;
    for (const Step &S : Steps) {
      json::Object Loc = sarifLocation(*S.Loc, Root);
      Loc["message"] = json::Object{{"text", S.Message}};
      FlowLocations.push_back(json::Object{{"location", std::move(Loc)}});
    }

    json::Object Result{{"ruleId", checkName(F.Check)},
                        {"ruleIndex", unsigned(F.Check)},
                        {"level", severityName(F.Level)},
                        {"message", json::Object{{"text", F.Message}}},
                        {"locations", json::Array{sarifLocation(F.Loc, Root)}}};
    // Each fix-it as a SARIF fix: byte ranges (byteOffset/byteLength), the
    // unit the fix-its are made in, so that applying them is exact.
    if (!F.FixIts.empty()) {
      std::map<std::string, json::Array> ByFile;
      for (const ResolvedFixIt &X : F.FixIts)
        ByFile[X.Begin.File].push_back(
            json::Object{{"deletedRegion",
                          json::Object{{"byteOffset", X.Begin.Offset}, {"byteLength", X.Length}}},
                         {"insertedContent", json::Object{{"text", X.Replacement}}}});
      json::Array Changes;
      for (auto &[File, Replacements] : ByFile)
        Changes.push_back(
            json::Object{{"artifactLocation", json::Object{{"uri", artifactURI(File, Root)}}},
                         {"replacements", std::move(Replacements)}});
      Result["fixes"] = json::Array{
          json::Object{{"description", json::Object{{"text", "apply the suggested fix"}}},
                       {"artifactChanges", std::move(Changes)}}};
    }
    if (!F.Fingerprint.empty())
      Result["partialFingerprints"] = json::Object{{FingerprintKey, F.Fingerprint}};
    if (!Related.empty()) {
      Result["relatedLocations"] = std::move(Related);
      Result["codeFlows"] = json::Array{json::Object{
          {"threadFlows", json::Array{json::Object{{"locations", std::move(FlowLocations)}}}}}};
    }
    Results.push_back(std::move(Result));
  }

  json::Object Driver{{"name", "aliasguard"}, {"rules", std::move(Rules)}};
  if (!Options.ToolVersion.empty())
    Driver["version"] = Options.ToolVersion;
  // A file that was not analysed is no clean file: the invocation failed,
  // and says which file and why.
  json::Array Notifications;
  for (const FileFailure &X : Failures) {
    json::Object Location{
        {"physicalLocation",
         json::Object{{"artifactLocation", json::Object{{"uri", artifactURI(X.File, Root)}}}}}};
    if (X.Where.valid() && X.Where.File == X.File)
      Location = sarifLocation(X.Where, Root);
    Notifications.push_back(
        json::Object{{"level", "error"},
                     {"descriptor", json::Object{{"id", "aliasguard-file-not-analysed"}}},
                     {"message", json::Object{{"text", X.Message}}},
                     {"locations", json::Array{std::move(Location)}}});
  }
  json::Object Invocation{{"executionSuccessful", Failures.empty()}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);
  json::Object Run{{"tool", json::Object{{"driver", std::move(Driver)}}},
                   {"invocations", json::Array{std::move(Invocation)}},
                   {"columnKind", "utf16CodeUnits"},
                   {"results", std::move(Results)}};
  if (!Options.AutomationId.empty())
    Run["automationDetails"] = json::Object{{"id", Options.AutomationId}};
  return json::Object{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                      {"version", "2.1.0"},
                      {"runs", json::Array{std::move(Run)}}};
}

} // namespace aliasguard
