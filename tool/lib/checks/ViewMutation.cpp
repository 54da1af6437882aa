//===- ViewMutation.cpp - aliasguard-view-mutation ------------------------===//
//
// The alias came from a view op (view, operator[], numpy(), from_numpy(),
// from_blob, a function returning a view of its parameter, ...): reported at
// the write, in either direction (write the view, read the base, or back).
//
//===----------------------------------------------------------------------===//
#include "CheckUtil.h"

using namespace clang;

namespace aliasguard {

Finding makeViewMutation(const Story &F, ASTContext &) {
  const AliasEvent &A = F.Alias;
  bool May = A.Kind == ProvKind::MayView;
  Finding Out;
  Out.Check = CheckKind::ViewMutation;
  Out.Loc = F.WriteLoc;
  Out.Message = "in-place write through " + writerText(F) +
                (May ? " may also change " : " also changes ") + quoted(F.Reader) +
                ", which is read later: " + quoted(A.Holder) +
                (May ? " may share storage with " : " is a view of ") +
                (A.Source.empty() ? std::string("another tensor") : quoted(A.Source)) + " (" +
                quoted(A.Op) + (May ? " returns a view when it can)" : ")");
  std::string What = A.Source.empty() ? std::string("its argument") : quoted(A.Source);
  if (A.Kind == ProvKind::ReturnsParamView) {
    Out.Notes.push_back({A.Loc, quoted(A.Holder) + " is a view of " + What + " returned by " +
                                    quoted(A.Op) + " here"});
    if (A.CalleeReturnLoc.isValid())
      Out.Notes.push_back(
          {A.CalleeReturnLoc, quoted(A.Op) + " returns a view of its parameter here"});
  } else if (May) {
    Out.Notes.push_back({A.Loc, quoted(A.Op) + " may return a view of " + What +
                                    " here (it copies only when it must)"});
  } else {
    Out.Notes.push_back({A.Loc, quoted(A.Op) + " creates a view of " + What + " here"});
  }
  addReadNotes(Out, F, May ? "may see the changed data" : "sees the changed data");
  return Out;
}

} // namespace aliasguard
