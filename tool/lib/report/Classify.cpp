//===- report/Classify.cpp - which check tells a story --------------------===//
#include "report/Story.h"

#include "analysis/Summaries.h"

using namespace clang;

namespace aliasguard {

std::optional<CheckKind> classify(const Story &S, const ApiModel &Model, bool HasCaller,
                                  bool ReportWithoutCaller) {
  // A caller reads its tensor after a callee wrote it through a by-value or
  // const-reference parameter (the generator only records such writes when
  // they are not the callee's purpose, see isWritePurpose).
  if (S.Callee)
    return CheckKind::ParamMutation;
  if (S.StoryKind == Story::Kind::MayCopyWrite)
    return CheckKind::LostWrite;
  if (S.StoryKind == Story::Kind::ParamWrite) {
    if (isWritePurpose(*S.Function, *S.Param, Model.library()))
      return std::nullopt;
    // A dataset transform's parameter is the dataset's stored example, and
    // the library calls the transform whatever this file does.
    if (isDatasetTransformMethod(*S.Function, Model.library()))
      return CheckKind::ParamMutation;
    // Whether the write matters is decided where the argument lives: at the
    // callers when some are analysed; in the callee only when none is (the
    // function is called from other files or by a library).
    if (HasCaller || !ReportWithoutCaller)
      return std::nullopt;
    return CheckKind::ParamMutation;
  }
  if (!S.BoundName.empty())
    return CheckKind::InplaceReadLater;
  // `auto best = model->weight; ... opt.step(); use(best)`: a handle to a
  // parameter is a view of the model's storage (Events.cpp keeps only such
  // snapshots).
  if (S.OptimizerStep)
    return CheckKind::ViewMutation;
  // The alias event decides.
  switch (S.Alias.Kind) {
  case ProvKind::Copy:
  case ProvKind::ReturnsParam:
    return CheckKind::AssignInsteadOfClone;
  case ProvKind::View:
  case ProvKind::MayView:
  case ProvKind::ReturnsParamView:
    return CheckKind::ViewMutation;
  case ProvKind::Container:
  case ProvKind::Lambda:
  case ProvKind::InplaceResult:
    return CheckKind::InplaceReadLater;
  case ProvKind::Origin:
    return std::nullopt;
  }
  llvm_unreachable("unknown provenance kind");
}

} // namespace aliasguard
