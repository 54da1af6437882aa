//===- InplaceReadLater.cpp - aliasguard-inplace-read-later ---------------===//
//
// An in-place write to a tensor whose earlier value is still read through
// another holder: a container element, a lambda's by-copy capture, or the
// result of the in-place op itself bound to a new name
// (`auto y = x.mul_(2); ... x ...`, fix-it `mul_` -> `mul`). At the write.
//
//===----------------------------------------------------------------------===//
#include "CheckUtil.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace aliasguard {

/// `mul_` -> `mul` when the class has an out-of-place method of that name.
static std::optional<FixItHint> outOfPlaceFix(const CXXMemberCallExpr *Call, ASTContext &Ctx) {
  if (!Call || !Call->getMethodDecl())
    return std::nullopt;
  StringRef Name = Call->getMethodDecl()->getName();
  if (!Name.ends_with("_"))
    return std::nullopt;
  StringRef OutOfPlace = Name.drop_back();
  const CXXRecordDecl *RD = Call->getRecordDecl();
  if (!RD)
    return std::nullopt;
  bool Found = false;
  for (const CXXRecordDecl *Class = RD; Class && !Found;) {
    Found = !Class->lookup(DeclarationName(&Ctx.Idents.get(OutOfPlace))).empty();
    Class = Class->getNumBases() ? Class->bases_begin()->getType()->getAsCXXRecordDecl() : nullptr;
  }
  const auto *ME = dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParens());
  if (!Found || !ME || ME->getMemberLoc().isMacroID())
    return std::nullopt;
  return FixItHint::CreateReplacement(SourceRange(ME->getMemberLoc()), OutOfPlace);
}

Finding makeInplaceReadLater(const Story &F, ASTContext &Ctx) {
  const AliasEvent &A = F.Alias;
  Finding Out;
  Out.Check = CheckKind::InplaceReadLater;
  Out.Loc = F.WriteLoc;
  if (!F.BoundName.empty()) {
    Out.Message = quoted(F.WriteOp) + " modifies " + writerText(F) +
                  " in place and returns it; its result is bound to the new name " +
                  quoted(F.BoundName) + ", but " + writerText(F) + " is read later as if unchanged";
    if (StringRef(F.WriteOp).ends_with("_"))
      Out.Message += "; use " + quoted(StringRef(F.WriteOp).drop_back()) + " for a new tensor";
    if (std::optional<FixItHint> Fix = outOfPlaceFix(F.InplaceCall, Ctx))
      Out.FixIts.push_back(*Fix);
    if (F.BoundLoc.isValid())
      Out.Notes.push_back({F.BoundLoc, quoted(F.BoundName) + " is the same tensor as " +
                                           writerText(F) + ", not a new one"});
    Out.Notes.push_back({F.ReadLoc, quoted(F.Reader) + " is read here, after " + quoted(F.WriteOp) +
                                        " changed it"});
    return Out;
  }
  std::string Source = A.Source.empty() ? std::string("the tensor") : quoted(A.Source);
  switch (A.Kind) {
  case ProvKind::Lambda:
    if (F.Writer == A.Holder) // a `mutable` closure's body wrote its own copy
      Out.Message = "the lambda " + quoted(A.Holder) + " writes its by-copy capture of " + Source +
                    " in place: the copy shares the storage of " + Source +
                    ", which is read later and sees the change; capture a clone or write out "
                    "of place";
    else
      Out.Message = "in-place write through " + writerText(F) + " also changes " + Source +
                    " as captured by the lambda " + quoted(A.Holder) +
                    ", which runs later; capture a clone or write out of place";
    Out.Notes.push_back({A.Loc, Source + " captured by copy here: the copy shares its storage"});
    break;
  case ProvKind::Container:
    Out.Message = "in-place write through " + writerText(F) + " also changes " + Source +
                  " as stored in " + quoted(A.Holder) +
                  ", which is read later; store a clone or write out of place";
    Out.Notes.push_back({A.Loc, Source + " stored in " + quoted(A.Holder) +
                                    " here: the element shares its storage"});
    break;
  default:
    Out.Message = "in-place write through " + writerText(F) + " also changes " + quoted(F.Reader) +
                  ", which holds the result of the in-place " + quoted(A.Op) + " and is read later";
    Out.Notes.push_back({A.Loc, quoted(A.Op) + " returns its object, not a new tensor"});
    break;
  }
  addReadNotes(Out, F);
  return Out;
}

} // namespace aliasguard
