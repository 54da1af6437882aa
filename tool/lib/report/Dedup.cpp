//===- report/Dedup.cpp - one story, one warning; NOLINT ------------------===//
#include "report/Story.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/GlobPattern.h"

#include <algorithm>
#include <set>

using namespace clang;
using namespace llvm;

namespace aliasguard {

std::vector<const Story *> deduplicate(ArrayRef<Story> Stories, const CheckSet &Enabled,
                                       const SourceManager &SM) {
  std::vector<const Story *> Sorted;
  for (const Story &S : Stories)
    if (Enabled.has(S.Check))
      Sorted.push_back(&S);
  auto Before = [&](SourceLocation A, SourceLocation B) {
    if (A == B || B.isInvalid())
      return false;
    if (A.isInvalid())
      return true;
    return SM.isBeforeInTranslationUnit(A, B);
  };
  // The most specific check first (the table's order), then by write and read.
  std::stable_sort(Sorted.begin(), Sorted.end(), [&](const Story *A, const Story *B) {
    if (A->Check != B->Check)
      return unsigned(A->Check) < unsigned(B->Check);
    if (A->WriteLoc != B->WriteLoc)
      return Before(A->WriteLoc, B->WriteLoc);
    return Before(A->ReadLoc, B->ReadLoc);
  });
  // A write is reported once (a callee's write told at its caller counts);
  // an alias (a copy, a view) once per stale
  // reader, at its first write (a copy once in total: its fix is at the
  // copy); a parameter once per function, at its first write.
  DenseSet<const Expr *> ReportedWrites;
  std::set<std::pair<SourceLocation, std::string>> ReportedAliases;
  DenseSet<const ParmVarDecl *> ReportedParams;
  // A callee's write that a caller's param-mutation story already tells (in
  // its "written by" note) is not told again by the callee's own stories.
  DenseSet<SourceLocation> CalleeWritesTold;
  std::vector<const Story *> Kept;
  for (const Story *S : Sorted) {
    if (!ReportedWrites.insert(S->WriteExpr).second)
      continue;
    if (!S->Callee && CalleeWritesTold.contains(S->WriteLoc))
      continue;
    if (S->Check == CheckKind::ParamMutation) {
      if (!S->Callee && !ReportedParams.insert(S->Param).second)
        continue;
    } else {
      std::string Reader = S->Check == CheckKind::AssignInsteadOfClone ? "" : S->Reader;
      if (!ReportedAliases.insert({S->Alias.Loc, Reader}).second)
        continue;
    }
    Kept.push_back(S);
    if (S->Callee && S->CalleeWriteLoc.isValid())
      CalleeWritesTold.insert(S->CalleeWriteLoc);
  }
  return Kept;
}

// clang-tidy's NOLINT comments, so that the CLI and the language server
// honour the same suppressions as the clang-tidy plugin: NOLINT on the line,
// NOLINTNEXTLINE on the line before, NOLINTBEGIN ... NOLINTEND around it; each
// with an optional "(glob, glob)" list of check names.
namespace {
// Whether `Text` holds `Marker` (not as the prefix of a longer marker)
// applying to `Check`.
bool matches(StringRef Text, StringRef Marker, StringRef Check) {
  for (size_t Pos = Text.find(Marker); Pos != StringRef::npos; Pos = Text.find(Marker, Pos + 1)) {
    StringRef After = Text.substr(Pos + Marker.size());
    if (!After.empty() && (isAlnum(After.front()) || After.front() == '_'))
      continue; // NOLINTNEXTLINE is not NOLINT
    if (!After.starts_with("("))
      return true; // every check
    size_t Close = After.find(')');
    if (Close == StringRef::npos)
      return false;
    SmallVector<StringRef, 4> Globs;
    After.slice(1, Close).split(Globs, ',', -1, false);
    for (StringRef Glob : Globs) {
      Expected<GlobPattern> Pattern = GlobPattern::create(Glob.trim());
      if (!Pattern) {
        consumeError(Pattern.takeError());
        continue;
      }
      if (Pattern->match(Check))
        return true;
    }
  }
  return false;
}

} // namespace

bool NolintFilter::suppresses(SourceLocation Loc, StringRef Check) const {
  if (Loc.isInvalid())
    return false;
  Loc = SM.getExpansionLoc(Loc);
  auto [FID, Offset] = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return false;
  size_t LineStart = Buffer.rfind('\n', Offset == 0 ? 0 : Offset - 1);
  LineStart = LineStart == StringRef::npos || Offset == 0 ? 0 : LineStart + 1;
  size_t LineEnd = Buffer.find('\n', Offset);
  StringRef Line = Buffer.slice(LineStart, LineEnd);
  if (matches(Line, "NOLINT", Check))
    return true;
  if (LineStart > 0) {
    StringRef Before = Buffer.substr(0, LineStart - 1);
    size_t PrevStart = Before.rfind('\n');
    StringRef Prev = Before.substr(PrevStart == StringRef::npos ? 0 : PrevStart + 1);
    if (matches(Prev, "NOLINTNEXTLINE", Check))
      return true;
  }
  // A NOLINTBEGIN for this check before the line, not closed by a NOLINTEND.
  int Open = 0;
  for (unsigned Pos : markers(FID, Buffer)) {
    if (Pos >= LineStart)
      break;
    StringRef RestLine =
        Buffer.slice(Pos, LineStart).take_until([](char C) { return C == '\n'; });
    if (matches(RestLine, "NOLINTBEGIN", Check))
      ++Open;
    else if (Open > 0 && matches(RestLine, "NOLINTEND", Check))
      --Open;
  }
  return Open > 0;
}

ArrayRef<unsigned> NolintFilter::markers(FileID FID, StringRef Buffer) const {
  auto [It, Inserted] = Markers.try_emplace(FID);
  if (Inserted)
    for (size_t Pos = Buffer.find("NOLINT"); Pos != StringRef::npos;
         Pos = Buffer.find("NOLINT", Pos + 6))
      It->second.push_back(Pos);
  return It->second;
}

} // namespace aliasguard
