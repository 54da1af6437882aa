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

/// At a call: the callee wrote the caller's tensor through a by-value or
/// const-reference parameter, and the caller reads that tensor afterwards.
static Finding atCall(const Story &F) {
  const ParmVarDecl *PD = F.Param;
  std::string Callee = quoted(F.Callee ? F.Callee->getName() : F.WriteOp);
  bool ByValue = !PD->getType()->isReferenceType();
  Finding Out;
  Out.Check = CheckKind::ParamMutation;
  Out.Loc = F.WriteLoc;
  Out.Message =
      Callee + " writes its parameter " + quoted(PD->getName()) + " in place, which " + "changes " +
      quoted(F.Writer) + ": a tensor taken " + (ByValue ? "by value" : "by const reference") +
      " shares storage with the argument, and " + quoted(F.Reader) + " is read after the call";
  if (F.CalleeWriteLoc.isValid())
    Out.Notes.push_back({F.CalleeWriteLoc, "written by " + Callee + " here"});
  addReadNotes(Out, F);
  Out.Notes.push_back({PD->getLocation(), quoted(PD->getName()) +
                                              " declared here; pass a clone, or make the callee "
                                              "clone it or take it as a non-const reference"});
  return Out;
}

Finding makeParamMutation(const Story &F, ASTContext &) {
  if (F.Callee)
    return atCall(F);
  const ParmVarDecl *PD = F.Param;
  std::string Param = quoted(PD->getName());
  bool ByValue = !PD->getType()->isReferenceType();
  Finding Out;
  Out.Check = CheckKind::ParamMutation;
  Out.Loc = F.WriteLoc;
  std::string Through = F.Writer.empty() || F.Writer == PD->getName()
                            ? std::string()
                            : " through " + quoted(F.Writer);
  Out.Message = "in-place write" + Through + " to parameter " + Param +
                (F.MayAlias ? " may change" : " changes") +
                " the caller's tensor: a tensor taken " +
                (ByValue ? "by value" : "by const reference") + " shares storage with the argument";
  Out.Notes.push_back(
      {PD->getLocation(), Param + " declared here; clone it before writing, take it as a "
                                  "non-const reference, or end the function name with '_'"});
  return Out;
}

} // namespace aliasguard
