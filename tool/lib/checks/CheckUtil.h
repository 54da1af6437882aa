//===- CheckUtil.h - wording shared by the checks ---------------*- C++ -*-===//
#pragma once

#include "report/Story.h"
#include "aliasguard/Analysis.h"

#include <string>

namespace aliasguard {

inline std::string quoted(llvm::StringRef Name) { return ("'" + Name + "'").str(); }

/// "'b'" for a named writer, "a temporary" otherwise.
inline std::string writerText(const Story &F) {
  return F.Writer.empty() ? std::string("a temporary") : quoted(F.Writer);
}

inline void addWriteAndReadNotes(Finding &Out, const Story &F, bool WriteNote) {
  if (WriteNote)
    Out.Notes.push_back({F.WriteLoc, "in-place write through " + writerText(F) + " here"});
  if (F.ReadLoc.isValid())
    Out.Notes.push_back(
        {F.ReadLoc, quoted(F.Reader) + " is read here and sees the changed data"});
}

} // namespace aliasguard
