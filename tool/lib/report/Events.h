//===- report/Events.h - what the fixed states show -------------*- C++ -*-===//
//
// The first report stage: one pass over a function's facts with the fixed
// states (FunctionAnalysis::forEachPoint) records neutral raw events - a
// handle reads data another handle wrote, a parameter's storage is written -
// and the function's summary. Nothing is explained or classified yet.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/Dataflow.h"
#include "analysis/Summaries.h"

#include <vector>

namespace aliasguard {

struct RawEvent {
  enum class Kind : unsigned char {
    StaleRead,  ///< Reader reads storage S after the write of candidate Cand
    ParamWrite, ///< the storage of parameter ParamIndex is written
    /// A write through the result of a may-view (`reshape`, `contiguous`)
    /// of handle Source that the source still wants: it is lost when the
    /// op copied (see collectMayCopyWrites).
    MayCopyWrite,
  };
  Kind EventKind;
  // StaleRead
  CandId Cand = NoId;
  HandleId Reader = NoId;
  StorageId S = NoId;
  ProvId ReaderProvAtRead = NoId; ///< how the reader holds S when it reads
  /// The write is an optimizer's (`opt.step()`, or a callee's step through
  /// an optimizer handle): the reader is a parameter snapshot.
  bool OptimizerWrite = false;
  const clang::Expr *ReadSite = nullptr;
  // ParamWrite
  unsigned ParamIndex = 0;
  const clang::Expr *WriteSite = nullptr;
  HandleId Writer = NoId;
  llvm::StringRef Op;
  bool MayAlias = false; ///< the writer holds the parameter's storage through a may-view
  // MayCopyWrite: WriteSite, Writer, Op as above; the may-view event, its
  // source, and the source's later read (ReadSite; null when the source is a
  // reference parameter, whose caller sees it).
  ProvId MayViewProv = NoId;
  HandleId Source = NoId;
  bool ThroughTemporary = false; ///< `x.reshape({-1}).zero_()`
};

struct FunctionOutcome {
  FunctionSummary Summary;
  std::vector<RawEvent> Events; ///< in program order
};

/// The summary of the analysed function and, with \p WantEvents, its raw
/// events. Only after \p A ran to its fixpoint.
FunctionOutcome collectOutcome(FunctionAnalysis &A, bool WantEvents);

/// The MayCopyWrite events of \p A (report/MayCopy.cpp): writes through the
/// result of a may-view of a handle that is read afterwards, or that is a
/// non-const reference parameter. Only after \p A ran to its fixpoint.
void collectMayCopyWrites(FunctionAnalysis &A, std::vector<RawEvent> &Events);

} // namespace aliasguard
