//===- AssignInsteadOfClone.cpp - aliasguard-assign-instead-of-clone ------===//
//
// The alias came from copying a handle (`auto b = a;`, `b = a;`, a member
// copy, `c ? a : a.clone()`, a function returning its parameter): reported at
// the copy, where `.clone()` belongs.
//
//===----------------------------------------------------------------------===//
#include "CheckUtil.h"

#include "clang/AST/Expr.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace aliasguard {

/// A name or a postfix expression (`a`, `s.x`, `v[0]`, `v.front()`):
/// `.clone()` appended to it applies to all of it.
static bool isPostfix(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E))
    return OC->getOperator() == OO_Subscript;
  return isa<DeclRefExpr, MemberExpr, ArraySubscriptExpr, CXXMemberCallExpr>(E);
}

static std::optional<FixItHint> appendClone(const AliasEvent &A, ASTContext &Ctx) {
  if (!A.FixSource || !A.SourceType || A.SourceType->CloneMethod.empty())
    return std::nullopt;
  const Expr *Source = A.FixSource->IgnoreParenImpCasts();
  // Only then is it a single clean edit (not `*o`).
  if (!isPostfix(Source))
    return std::nullopt;
  SourceLocation End = Source->getEndLoc();
  if (End.isMacroID() || Source->getBeginLoc().isMacroID())
    return std::nullopt;
  SourceLocation After =
      Lexer::getLocForEndOfToken(End, 0, Ctx.getSourceManager(), Ctx.getLangOpts());
  if (After.isInvalid())
    return std::nullopt;
  return FixItHint::CreateInsertion(After, "." + A.SourceType->CloneMethod + "()");
}

/// How the message names what was copied: the handle, or for one element
/// of a container the element expression as written (`v[0]`).
static std::string copiedText(const AliasEvent &A, ASTContext &Ctx) {
  if (!A.OfElement || !A.FixSource)
    return quoted(A.Source);
  SourceRange R = A.FixSource->getSourceRange();
  StringRef Text;
  if (!R.getBegin().isMacroID() && !R.getEnd().isMacroID())
    Text = Lexer::getSourceText(CharSourceRange::getTokenRange(R), Ctx.getSourceManager(),
                                Ctx.getLangOpts());
  if (Text.empty() || Text.size() > 40 || Text.contains('\n'))
    return "an element of " + quoted(A.Source);
  return quoted(Text);
}

Finding makeAssignInsteadOfClone(const Story &F, ASTContext &Ctx) {
  const AliasEvent &A = F.Alias;
  Finding Out;
  Out.Check = CheckKind::AssignInsteadOfClone;
  Out.Loc = A.Loc;
  if (F.MetadataOnly) {
    // `squeeze_` changed no data: the copy shares the TensorImpl, which holds
    // the sizes and strides, and a clone (or a view) would have its own.
    std::string Clone = A.SourceType ? A.SourceType->CloneMethod : std::string("clone");
    std::string Copied = copiedText(A, Ctx);
    Out.Message = "copying " + Copied + " into " + quoted(A.Holder) +
                  " shares its TensorImpl: " + quoted(F.WriteOp) + " through " + writerText(F) +
                  " changes the shape " + quoted(F.Reader) + " sees too; use " +
                  quoted(Copied.substr(1, Copied.size() - 2) + "." + Clone + "()") +
                  " for a tensor with its own shape";
    if (std::optional<FixItHint> Fix = appendClone(A, Ctx))
      Out.FixIts.push_back(*Fix);
    Out.Notes.push_back({F.WriteLoc, "in-place shape change through " + writerText(F) + " here"});
    addReadNotes(Out, F, "has the new shape");
    return Out;
  }
  if (A.Kind == ProvKind::ReturnsParam) {
    Out.Message = quoted(A.Holder) + " shares storage with " + quoted(A.Source) + ": " +
                  quoted(A.Op) +
                  " returns its parameter, not a copy, so the in-place write "
                  "through " +
                  writerText(F) + " also changes " + quoted(F.Reader);
    if (A.CalleeReturnLoc.isValid())
      Out.Notes.push_back({A.CalleeReturnLoc, quoted(A.Op) + " returns its parameter here"});
  } else {
    std::string Clone = A.SourceType ? A.SourceType->CloneMethod : std::string("clone");
    std::string Copied = copiedText(A, Ctx);
    // 'a' -> 'a.clone()', '*o' -> '(*o).clone()'; an element without its
    // text -> "a clone of it".
    std::string UseClone = "a clone of it";
    if (Copied.front() == '\'') {
      std::string Text = Copied.substr(1, Copied.size() - 2);
      if (A.OfElement && !isPostfix(A.FixSource))
        Text = "(" + Text + ")";
      UseClone = quoted(Text + "." + Clone + "()");
    }
    // No tensor type: a container of tensors (`auto best = params;`).
    if (!A.SourceType)
      Out.Message = "copying " + Copied + " into " + quoted(A.Holder) +
                    " copies the tensors' handles, not their data: the in-place write through " +
                    writerText(F) + " also changes " + quoted(F.Reader) +
                    "; clone each element for an independent copy";
    else
      Out.Message = "copying " + Copied + " into " + quoted(A.Holder) +
                    " shares its storage, not its data: the in-place write through " +
                    writerText(F) + " also changes " + quoted(F.Reader) + "; use " + UseClone +
                    " for an independent copy";
    if (std::optional<FixItHint> Fix = appendClone(A, Ctx))
      Out.FixIts.push_back(*Fix);
  }
  addWriteAndReadNotes(Out, F, /*WriteNote=*/true);
  return Out;
}

} // namespace aliasguard
