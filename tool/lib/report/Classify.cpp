//===- report/Classify.cpp - which check tells a story --------------------===//
#include "report/Story.h"

using namespace clang;

namespace aliasguard {

std::optional<CheckKind> classify(const Story &S, const ApiModel &Model) {
  if (S.StoryKind == Story::Kind::ParamWrite) {
    // Intended mutation: writing the caller's tensor is the contract of a
    // `Tensor&` parameter and of a function named like `scale_`.
    if (S.Function->getIdentifier() && Model.library().isInPlaceFunctionName(S.Function->getName()))
      return std::nullopt;
    QualType T = S.Param->getType();
    if (T->isReferenceType() && !T.getNonReferenceType().isConstQualified())
      return std::nullopt;
    return CheckKind::ParamMutation;
  }
  if (!S.BoundName.empty())
    return CheckKind::InplaceReadLater;
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
