//===- CheckUtil.h - wording shared by the checks ---------------*- C++ -*-===//
#pragma once

#include "aliasguard/Analysis.h"
#include "report/Story.h"

#include <string>

namespace aliasguard {

inline std::string quoted(llvm::StringRef Name) { return ("'" + Name + "'").str(); }

/// "'b'" for a named writer, "a temporary" otherwise.
inline std::string writerText(const Story &F) {
  return F.Writer.empty() ? std::string("a temporary") : quoted(F.Writer);
}

/// The note at the stale read ("'a' is read here and <Sees>"), after a
/// note where a stale holder was copied into the handle read, if it was.
inline void addReadNotes(Finding &Out, const Story &F,
                         llvm::StringRef Sees = "sees the changed data") {
  if (!F.StaleCopy.empty() && F.StaleCopyLoc.isValid())
    Out.Notes.push_back({F.StaleCopyLoc, quoted(F.StaleCopy) + " gets the storage of " +
                                             quoted(F.Reader) + ", with the changed data, here"});
  if (F.ReadLoc.isValid())
    Out.Notes.push_back({F.ReadLoc, quoted(F.StaleCopy.empty() ? F.Reader : F.StaleCopy) +
                                        " is read here and " + Sees.str()});
}

inline void addWriteAndReadNotes(Finding &Out, const Story &F, bool WriteNote) {
  if (WriteNote)
    Out.Notes.push_back({F.WriteLoc, "in-place write through " + writerText(F) + " here"});
  addReadNotes(Out, F);
}

} // namespace aliasguard
