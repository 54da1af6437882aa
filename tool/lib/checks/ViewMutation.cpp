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

/// `auto best = model->weight; ... opt.step(); use(best)`: the "snapshot"
/// is a handle to the parameter the optimizer updates in place.
static Finding afterOptimizerStep(const Story &F) {
  const AliasEvent &A = F.ReaderAlias.Kind != ProvKind::Origin ? F.ReaderAlias : F.Alias;
  Finding Out;
  Out.Check = CheckKind::ViewMutation;
  Out.Loc = F.WriteLoc;
  std::string Source = A.Source.empty() ? std::string("a tensor") : quoted(A.Source);
  // `best[p.key()] = p.value()` stores the parameter's handle in a container.
  std::string How = A.Kind == ProvKind::Copy        ? "a copy of the handle " + Source
                    : A.Kind == ProvKind::Container ? "an element of " + Source
                                                    : quoted(A.Op) + " of " + Source;
  Out.Message = quoted(F.WriteOp) + " through " + writerText(F) +
                " updates the parameters it holds in place, which changes " + quoted(F.Reader) +
                ", read later: " + quoted(F.Reader) + " holds a parameter (" + How +
                "), not a copy of its values";
  Out.Notes.push_back({A.Loc, quoted(A.Holder) + " takes " + How +
                                  " here without copying the data; use '.clone()' to keep the "
                                  "values"});
  if (F.ReadLoc.isValid())
    Out.Notes.push_back(
        {F.ReadLoc, quoted(F.Reader) + " is read here and sees the updated parameters"});
  return Out;
}

/// `memcpy(buf, src, n); use(t)` with `t = torch::from_blob(buf, ...)`: a
/// library or unknown call fills the raw buffer the tensor views.
static Finding bufferWrittenByCall(const Story &F) {
  const AliasEvent &A = F.Alias;
  Finding Out;
  Out.Check = CheckKind::ViewMutation;
  Out.Loc = F.WriteLoc;
  Out.Message = quoted(F.WriteOp) + " writes the buffer " + writerText(F) + " that " +
                quoted(F.Reader) + " views, and " + quoted(F.Reader) +
                " is read later: " + quoted(A.Holder) + " is a view of " +
                (A.Source.empty() ? std::string("the buffer") : quoted(A.Source)) + " (" +
                quoted(A.Op) + "), not a copy of its values";
  Out.Notes.push_back(
      {A.Loc, quoted(A.Op) + " creates a view of " +
                  (A.Source.empty() ? std::string("the buffer") : quoted(A.Source)) +
                  " here; use '.clone()' to keep the values"});
  addReadNotes(Out, F, "sees the data the call wrote");
  return Out;
}

Finding makeViewMutation(const Story &F, ASTContext &) {
  if (F.OptimizerStep)
    return afterOptimizerStep(F);
  if (F.BufferCall && F.Alias.Kind == ProvKind::View)
    return bufferWrittenByCall(F);
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
