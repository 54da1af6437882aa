//===- Config.cpp - .aliasguard.yaml and .clang-tidy files ----------------===//
//
// Read with llvm::yaml's node parser rather than yaml::IO: a `.clang-tidy`
// file holds keys of other tools that must be skipped, not rejected, and
// every error should point at the offending node (`file:line:col`).
//
//===----------------------------------------------------------------------===//
#include "aliasguard/Config.h"
#include "aliasguard/Checks.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace aliasguard {
namespace {

class ConfigParser {
public:
  ConfigParser(StringRef Text, StringRef Path, bool ClangTidy)
      : Buffer(MemoryBuffer::getMemBuffer(Text, Path, /*RequiresNullTerminator=*/false)),
        ClangTidy(ClangTidy) {
    Config.Path = Path.str();
    SM.setDiagHandler(
        [](const SMDiagnostic &D, void *Context) {
          raw_string_ostream OS(static_cast<ConfigParser *>(Context)->Errors);
          D.print(/*ProgName=*/nullptr, OS, /*ShowColors=*/false);
        },
        this);
  }

  Expected<FileConfig> parse() {
    yaml::Stream Stream(Buffer->getMemBufferRef(), SM, /*ShowColors=*/false);
    this->Stream = &Stream;
    yaml::document_iterator Doc = Stream.begin();
    if (Doc != Stream.end()) {
      yaml::Node *Root = Doc->getRoot();
      if (auto *Map = dyn_cast_or_null<yaml::MappingNode>(Root))
        parseTopLevel(*Map);
      else if (Root && !isa<yaml::NullNode>(Root))
        error(Root, "expected a mapping of configuration keys");
      // Runs the scanner over the rest, so that a syntax error after the
      // first document is reported too.
      for (; Doc != Stream.end(); ++Doc)
        Doc->skip();
    }
    if (!Errors.empty() || Stream.failed())
      return createStringError(inconvertibleErrorCode(), Errors.empty()
                                                             ? Config.Path + ": error: invalid YAML"
                                                             : StringRef(Errors).rtrim().str());
    if (!Config.ModelFile)
      Config.ModelFile = LocalModelFile ? LocalModelFile : GlobalModelFile;
    if (!Config.HeaderFilter)
      Config.HeaderFilter = LocalHeaderFilter ? LocalHeaderFilter : GlobalHeaderFilter;
    if (Config.ModelFile && !sys::path::is_absolute(*Config.ModelFile)) {
      SmallString<256> Abs(sys::path::parent_path(Config.Path));
      sys::path::append(Abs, *Config.ModelFile);
      sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
      Config.ModelFile = std::string(Abs);
    }
    return std::move(Config);
  }

private:
  void error(yaml::Node *N, const Twine &Message) { Stream->printError(N, Message); }
  /// An error at \p Part of scalar \p N's text (a glob in a list), else at N.
  void errorAt(yaml::Node *N, StringRef Part, const Twine &Message) {
    if (auto *S = dyn_cast<yaml::ScalarNode>(N))
      if (size_t Pos = S->getRawValue().find(Part); Pos != StringRef::npos) {
        const char *Begin = S->getRawValue().data() + Pos;
        Stream->printError(
            SMRange(SMLoc::getFromPointer(Begin), SMLoc::getFromPointer(Begin + Part.size())),
            Message);
        return;
      }
    error(N, Message);
  }

  std::optional<std::string> scalar(yaml::Node *N, StringRef Key) {
    SmallString<128> Storage;
    if (auto *S = dyn_cast<yaml::ScalarNode>(N))
      return S->getValue(Storage).str();
    if (auto *S = dyn_cast<yaml::BlockScalarNode>(N))
      return S->getValue().str();
    error(N, "'" + Key + "' must be a string");
    N->skip();
    return std::nullopt;
  }

  std::optional<std::string> regex(yaml::Node *N, StringRef Key) {
    std::optional<std::string> Value = scalar(N, Key);
    std::string Why;
    if (Value && !Regex(*Value).isValid(Why)) {
      error(N, "invalid regular expression in '" + Key + "': " + Why);
      return std::nullopt;
    }
    return Value;
  }

  void parseTopLevel(yaml::MappingNode &Map) {
    for (yaml::KeyValueNode &KV : Map) {
      auto *KeyNode = dyn_cast_or_null<yaml::ScalarNode>(KV.getKey());
      yaml::Node *Value = KV.getValue();
      if (!KeyNode || !Value) {
        if (KV.getKey())
          error(KV.getKey(), "expected a plain key");
        KV.skip();
        continue;
      }
      SmallString<32> KeyStorage;
      StringRef Key = KeyNode->getValue(KeyStorage);
      if (Key == "Checks") {
        Config.Checks = checks(Value);
      } else if (Key == "CheckOptions") {
        checkOptions(Value);
      } else if (ClangTidy) {
        // Everything else in a .clang-tidy file is clang-tidy's business
        // (its HeaderFilterRegex filters diagnostics, not analysed code).
        Value->skip();
      } else if (Key == "WarningsAsErrors") {
        if (std::optional<std::string> S = scalar(Value, Key)) {
          Config.WarningsAsErrors = yaml::parseBool(*S);
          if (!Config.WarningsAsErrors)
            error(Value, "'WarningsAsErrors' must be true or false (it applies to every "
                         "aliasguard check)");
        }
      } else if (Key == "HeaderFilterRegex") {
        Config.HeaderFilter = regex(Value, Key);
      } else if (Key == "ModelFile") {
        Config.ModelFile = scalar(Value, Key);
      } else {
        error(KeyNode, "unknown key '" + Key +
                           "' (expected Checks, WarningsAsErrors, HeaderFilterRegex, "
                           "ModelFile or CheckOptions)");
        Value->skip();
      }
    }
  }

  /// The globs, validated; from a .clang-tidy file only those that name
  /// aliasguard checks (its `-*` is about clang-tidy's own checks).
  std::optional<std::string> checks(yaml::Node *N) {
    std::optional<std::string> Spec = scalar(N, "Checks");
    if (!Spec)
      return std::nullopt;
    SmallVector<StringRef, 8> Globs, Kept;
    StringRef(*Spec).split(Globs, ',', -1, /*KeepEmpty=*/false);
    for (StringRef Glob : Globs) {
      Glob = Glob.trim();
      StringRef Pattern = Glob;
      Pattern.consume_front("-");
      if (Pattern.empty())
        continue;
      if (ClangTidy && !Pattern.starts_with("aliasguard"))
        continue;
      if (Expected<GlobPattern> P = GlobPattern::create(Pattern); !P) {
        error(N, "invalid glob '" + Glob + "' in 'Checks': " + toString(P.takeError()));
        return std::nullopt;
      }
      if (std::optional<std::string> Problem = checkGlobProblem(Pattern, " in 'Checks'")) {
        errorAt(N, Pattern, *Problem);
        return std::nullopt;
      }
      Kept.push_back(Glob);
    }
    if (ClangTidy && Kept.empty())
      return std::nullopt;
    return join(Kept, ",");
  }

  void checkOptions(yaml::Node *N) {
    if (auto *Map = dyn_cast<yaml::MappingNode>(N)) {
      for (yaml::KeyValueNode &KV : *Map) {
        auto *Key = dyn_cast_or_null<yaml::ScalarNode>(KV.getKey());
        if (!Key || !KV.getValue()) {
          if (KV.getKey())
            error(KV.getKey(), "expected a plain option name");
          KV.skip();
          continue;
        }
        SmallString<64> Storage;
        option(Key->getValue(Storage), Key, KV.getValue());
      }
      return;
    }
    // clang-tidy's older form: a list of {key: ..., value: ...}.
    if (auto *Seq = dyn_cast<yaml::SequenceNode>(N)) {
      for (yaml::Node &Item : *Seq) {
        auto *Entry = dyn_cast<yaml::MappingNode>(&Item);
        if (!Entry) {
          error(&Item, "expected a {key: ..., value: ...} entry");
          Item.skip();
          continue;
        }
        std::optional<std::string> Name;
        yaml::ScalarNode *NameNode = nullptr;
        yaml::Node *Value = nullptr;
        for (yaml::KeyValueNode &KV : *Entry) {
          auto *K = dyn_cast_or_null<yaml::ScalarNode>(KV.getKey());
          if (!K || !KV.getValue()) {
            KV.skip();
            continue;
          }
          SmallString<16> S;
          if (K->getValue(S) == "key") {
            NameNode = dyn_cast<yaml::ScalarNode>(KV.getValue());
            Name = scalar(KV.getValue(), "key");
          } else if (K->getValue(S) == "value" && !Value) {
            // Read now: the parser moves on once the entry is left.
            Value = KV.getValue();
            if (!Name) {
              error(K, "'key' must come before 'value' in a CheckOptions entry");
              Value->skip();
              Value = nullptr;
              continue;
            }
            option(*Name, NameNode, Value);
          } else {
            KV.getValue()->skip();
          }
        }
        if (Name && !Value)
          error(Entry, "CheckOptions entry '" + *Name + "' has no 'value'");
      }
      return;
    }
    error(N, "'CheckOptions' must be a mapping of option names to values");
    N->skip();
  }

  void option(StringRef Key, yaml::Node *KeyNode, yaml::Node *Value) {
    if (!KeyNode) // a key given as a block scalar: point at the value
      KeyNode = Value;
    auto [Check, Name] = Key.rsplit('.');
    if (Name.empty())
      std::swap(Check, Name); // no '.': a global option
    bool OurCheck = false;
    if (!Check.empty()) {
      OurCheck = Check.starts_with("aliasguard-");
      if (OurCheck && !llvm::is_contained(allCheckNames(), Check)) {
        error(KeyNode, "unknown check '" + Check + "' in option '" + Key + "'");
        Value->skip();
        return;
      }
      if (!OurCheck) {
        if (!ClangTidy)
          error(KeyNode, "option '" + Key + "' is not an aliasguard check option");
        Value->skip();
        return;
      }
    }
    if (Name == "ModelFile") {
      (OurCheck ? LocalModelFile : GlobalModelFile) = scalar(Value, Key);
    } else if (Name == "AnalyzeHeaders") {
      (OurCheck ? LocalHeaderFilter : GlobalHeaderFilter) = regex(Value, Key);
    } else if (Name == "ReportWithoutCaller" && Check == "aliasguard-param-mutation") {
      if (std::optional<std::string> S = scalar(Value, Key)) {
        Config.ParamMutationWithoutCaller = yaml::parseBool(*S);
        if (!Config.ParamMutationWithoutCaller)
          error(Value, "'" + Key + "' must be true or false");
      }
    } else {
      // A global option of another check is clang-tidy's; in .aliasguard.yaml
      // and for an aliasguard check an unknown option is a typo.
      if (OurCheck || !ClangTidy)
        error(KeyNode, "unknown option '" + Key +
                           "' (aliasguard checks take ModelFile and AnalyzeHeaders; "
                           "aliasguard-param-mutation also ReportWithoutCaller)");
      Value->skip();
    }
  }

  static SmallVector<StringRef, NumChecks> allCheckNames() {
    SmallVector<StringRef, NumChecks> Names;
    for (CheckKind K : allChecks())
      Names.push_back(checkName(K));
    return Names;
  }

  std::unique_ptr<MemoryBuffer> Buffer;
  bool ClangTidy;
  SourceMgr SM;
  yaml::Stream *Stream = nullptr;
  std::string Errors;
  FileConfig Config;
  std::optional<std::string> GlobalModelFile, LocalModelFile;
  std::optional<std::string> GlobalHeaderFilter, LocalHeaderFilter;
};

} // namespace

Expected<FileConfig> parseConfig(StringRef Text, StringRef Path, bool ClangTidy) {
  return ConfigParser(Text, Path, ClangTidy).parse();
}

Expected<FileConfig> loadConfigFile(StringRef Path) {
  SmallString<256> Abs(Path);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buffer = MemoryBuffer::getFile(Abs);
  if (!Buffer)
    return createStringError(Buffer.getError(), "error: cannot read configuration file '%s': %s",
                             Abs.c_str(), Buffer.getError().message().c_str());
  return parseConfig((*Buffer)->getBuffer(), Abs, sys::path::filename(Abs) == ClangTidyFileName);
}

Expected<const FileConfig *> ConfigFinder::configFor(StringRef File) {
  SmallVector<std::string, 8> Visited;
  std::string Found;
  for (StringRef Dir = sys::path::parent_path(File); !Dir.empty();
       Dir = sys::path::parent_path(Dir)) {
    if (auto It = DirCache.find(Dir); It != DirCache.end()) {
      Found = It->second;
      break;
    }
    Visited.push_back(Dir.str());
    for (StringRef Name : {ConfigFileName, ClangTidyFileName}) {
      SmallString<256> Candidate(Dir);
      sys::path::append(Candidate, Name);
      if (sys::fs::is_regular_file(Candidate)) {
        Found = std::string(Candidate);
        break;
      }
    }
    if (!Found.empty())
      break;
  }
  for (const std::string &Dir : Visited)
    DirCache[Dir] = Found;
  if (Found.empty())
    return nullptr;
  std::unique_ptr<FileConfig> &Slot = Configs[Found];
  if (!Slot) {
    Expected<FileConfig> Config = loadConfigFile(Found);
    if (!Config)
      return Config.takeError();
    Slot = std::make_unique<FileConfig>(std::move(*Config));
  }
  return Slot.get();
}

} // namespace aliasguard
