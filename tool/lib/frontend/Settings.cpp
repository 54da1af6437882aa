//===- frontend/Settings.cpp - flags over configuration over defaults -----===//
#include "aliasguard/Frontend.h"

using namespace llvm;

namespace aliasguard {

Expected<std::unique_ptr<SettingsResolver>> SettingsResolver::create(ToolOptions Flags) {
  if (Flags.Checks) {
    Expected<CheckSet> Set = applyCheckGlobs(*Flags.Checks);
    if (!Set)
      return createStringError(inconvertibleErrorCode(),
                               "error: invalid --checks: " + toString(Set.takeError()));
    if (Set->none())
      return createStringError(inconvertibleErrorCode(),
                               "error: no checks enabled by --checks=" + *Flags.Checks);
  }
  std::unique_ptr<SettingsResolver> R(new SettingsResolver(std::move(Flags)));
  if (!R->Flags.ConfigFile.empty()) {
    Expected<FileConfig> C = loadConfigFile(R->Flags.ConfigFile);
    if (!C)
      return C.takeError();
    R->Forced = std::move(*C);
  }
  if (R->Flags.ModelFile)
    if (Expected<const ApiModel *> M = R->model(*R->Flags.ModelFile, ""); !M)
      return M.takeError();
  return std::move(R);
}

Expected<const ApiModel *> SettingsResolver::model(const std::string &Path, StringRef Source) {
  std::unique_ptr<ApiModel> &Slot = Models[Path];
  if (!Slot) {
    auto M = std::make_unique<ApiModel>(ApiModel::builtin());
    if (!Path.empty())
      if (Error E = M->loadConfigFile(Path)) {
        std::string Message = "error: " + toString(std::move(E));
        if (!Source.empty())
          Message += " (ModelFile of " + Source.str() + ")";
        Models.erase(Path); // not cached: the next file says so again
        return createStringError(inconvertibleErrorCode(), Message);
      }
    Slot = std::move(M);
  }
  return Slot.get();
}

Expected<FileSettings> SettingsResolver::settingsFor(StringRef File) {
  std::lock_guard<std::mutex> Lock(Mutex);
  const FileConfig *Config = Forced ? &*Forced : nullptr;
  if (!Config) {
    Expected<const FileConfig *> Found = Finder.configFor(File);
    if (!Found)
      return Found.takeError();
    Config = *Found;
  }
  FileSettings S;
  // clang-tidy's rule: a configuration's globs apply on top of the default.
  std::string Spec = "aliasguard-*";
  if (Flags.Checks)
    Spec = *Flags.Checks;
  else if (Config && Config->Checks)
    Spec += "," + *Config->Checks;
  Expected<CheckSet> Set = applyCheckGlobs(Spec);
  if (!Set) // the globs were checked when the flags and the file were read
    return createStringError(inconvertibleErrorCode(), "error: invalid Checks in " +
                                                           (Config ? Config->Path : "--checks") +
                                                           ": " + toString(Set.takeError()));
  S.Analysis.Enabled = *Set;
  S.NoCheckEnabled = Set->none();
  if (Flags.HeaderFilter)
    S.Analysis.HeaderFilter = *Flags.HeaderFilter;
  else if (Config && Config->HeaderFilter)
    S.Analysis.HeaderFilter = *Config->HeaderFilter;
  if (Config && Config->ParamMutationWithoutCaller)
    S.Analysis.ParamMutationWithoutCaller = *Config->ParamMutationWithoutCaller;
  if (Flags.WarningsAsErrors)
    S.WarningsAsErrors = *Flags.WarningsAsErrors;
  else if (Config && Config->WarningsAsErrors)
    S.WarningsAsErrors = *Config->WarningsAsErrors;
  std::string ModelPath;
  StringRef ModelSource;
  if (Flags.ModelFile) {
    ModelPath = *Flags.ModelFile;
  } else if (Config && Config->ModelFile) {
    ModelPath = *Config->ModelFile;
    ModelSource = Config->Path;
  }
  Expected<const ApiModel *> M = model(ModelPath, ModelSource);
  if (!M)
    return M.takeError();
  S.Model = *M;
  return S;
}

} // namespace aliasguard
