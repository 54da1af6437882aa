//===- LostWrite.cpp - aliasguard-lost-write ------------------------------===//
//
// An in-place write through the result of a may-view (`reshape`,
// `contiguous`, `to`, `flatten`: a view when it can be, else a copy) while
// the source still wants the write (report/MayCopy.cpp): it reaches the
// source only when the op returned a view. Reported at the write.
//
//===----------------------------------------------------------------------===//
#include "CheckUtil.h"

using namespace clang;

namespace aliasguard {

Finding makeLostWrite(const Story &S, ASTContext &) {
  const AliasEvent &A = S.Alias;
  std::string Op = quoted(A.Op), Source = quoted(S.Reader), Write = quoted(S.WriteOp);
  bool Rebound = !S.ThroughTemporary && S.Writer == S.Reader;
  Finding Out;
  Out.Check = CheckKind::LostWrite;
  Out.Loc = S.WriteLoc;
  if (S.ThroughTemporary)
    Out.Message = "in-place " + Write + " on the result of " + Op + " changes " + Source +
                  " only if " + Op + " returned a view of it";
  else if (Rebound)
    Out.Message = "in-place " + Write + " through " + Source +
                  " changes the caller's data only if " + Op + " returned a view of it: " + Source +
                  " was rebound to the result";
  else
    Out.Message = "in-place " + Write + " through " + quoted(S.Writer) + " changes " + Source +
                  " only if " + Op + " returned a view of it";
  Out.Message += "; when " + Op + " copies, the write is lost for " +
                 (S.ReadLoc.isValid() ? Source + ", which is read later"
                                      : "the caller, who passed " + Source + " by reference");
  Out.Notes.push_back(
      {A.Loc, Op + " returns a view of " + Source + " when it can and a copy otherwise here"});
  if (S.ReadLoc.isValid())
    Out.Notes.push_back({S.ReadLoc, Source + " is read here and sees the write only if " + Op +
                                        " returned a view"});
  return Out;
}

} // namespace aliasguard
