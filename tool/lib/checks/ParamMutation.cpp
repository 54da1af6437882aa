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

/// In a dataset transform's method: the library passes it the tensor the
/// dataset stores (`MNIST::get` returns a view of its image), so the write
/// changes the dataset, and every later epoch transforms the changed data.
static Finding inDatasetTransform(const Story &F) {
  const ParmVarDecl *PD = F.Param;
  std::string Param = quoted(PD->getName());
  Finding Out;
  Out.Check = CheckKind::ParamMutation;
  Out.Loc = F.WriteLoc;
  std::string Through =
      F.Writer.empty() || F.Writer == PD->getName() ? std::string() : " through " + quoted(F.Writer);
  Out.Message = "in-place write" + Through + " to parameter " + Param + " of a dataset transform" +
                (F.MayAlias ? " may change" : " changes") +
                " the dataset's stored example: the dataset hands out its stored tensor, so every "
                "later epoch sees the data transformed again";
  Out.Notes.push_back(
      {PD->getLocation(), Param + " declared here; the library passes the tensor the dataset's "
                                  "get() returns, for datasets holding their data in memory "
                                  "(MNIST, TensorDataset) the stored example itself; compute a "
                                  "new tensor (`sub` instead of `sub_`) or clone it first"});
  return Out;
}

Finding makeParamMutation(const Story &F, ASTContext &) {
  if (F.Callee)
    return atCall(F);
  if (F.DatasetTransform)
    return inDatasetTransform(F);
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
