//===- ParamMutation.cpp - aliasguard-param-mutation ----------------------===//
//
// A function writes (directly, through a view or copy, or through a callee
// taking `Tensor&`) into a tensor parameter taken by value or const
// reference: the caller's tensor changes. Not for `Tensor&` parameters nor in
// functions named with a trailing `_` (the in-place convention).
//
//===----------------------------------------------------------------------===//
#include "CheckUtil.h"

#include "clang/AST/Decl.h"

using namespace clang;

namespace aliasguard {

Finding makeParamMutation(const Story &F, ASTContext &) {
  const ParmVarDecl *PD = F.Param;
  std::string Param = quoted(PD->getName());
  bool ByValue = !PD->getType()->isReferenceType();
  Finding Out;
  Out.Check = CheckKind::ParamMutation;
  Out.Loc = F.WriteLoc;
  std::string Through =
      F.Writer.empty() || F.Writer == PD->getName() ? std::string() : " through " + quoted(F.Writer);
  Out.Message = "in-place write" + Through + " to parameter " + Param +
                " changes the caller's tensor: a tensor taken " +
                (ByValue ? "by value" : "by const reference") +
                " shares storage with the argument";
  Out.Notes.push_back({PD->getLocation(),
                       Param + " declared here; clone it before writing, take it as a "
                               "non-const reference, or end the function name with '_'"});
  return Out;
}

} // namespace aliasguard
