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

static std::optional<FixItHint> appendClone(const AliasEvent &A, ASTContext &Ctx) {
  if (!A.FixSource || !A.SourceType || A.SourceType->CloneMethod.empty())
    return std::nullopt;
  const Expr *Source = A.FixSource->IgnoreParenImpCasts();
  // Only a plain name is a single clean edit: `a` -> `a.clone()`.
  if (!isa<DeclRefExpr, MemberExpr>(Source))
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

Finding makeAssignInsteadOfClone(const Story &F, ASTContext &Ctx) {
  const AliasEvent &A = F.Alias;
  Finding Out;
  Out.Check = CheckKind::AssignInsteadOfClone;
  Out.Loc = A.Loc;
  if (A.Kind == ProvKind::ReturnsParam) {
    Out.Message = quoted(A.Holder) + " shares storage with " + quoted(A.Source) + ": " +
                  quoted(A.Op) + " returns its parameter, not a copy, so the in-place write "
                  "through " + writerText(F) + " also changes " + quoted(F.Reader);
    if (A.CalleeReturnLoc.isValid())
      Out.Notes.push_back({A.CalleeReturnLoc, quoted(A.Op) + " returns its parameter here"});
  } else {
    std::string Clone = A.SourceType ? A.SourceType->CloneMethod : std::string("clone");
    Out.Message = "copying " + quoted(A.Source) + " into " + quoted(A.Holder) +
                  " shares its storage, not its data: the in-place write through " +
                  writerText(F) + " also changes " + quoted(F.Reader) + "; use " +
                  quoted(A.Source + "." + Clone + "()") + " for an independent copy";
    if (std::optional<FixItHint> Fix = appendClone(A, Ctx))
      Out.FixIts.push_back(*Fix);
  }
  addWriteAndReadNotes(Out, F, /*WriteNote=*/true);
  return Out;
}

} // namespace aliasguard
