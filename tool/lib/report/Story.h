//===- report/Story.h - an explained finding, before its wording -*- C++ -*-===//
//
// The second and third report stages turn raw events into stories
// (Explain.cpp: names, locations, the alias event that links the writer and
// the reader) and give each story its check (Classify.cpp). The checks'
// formatters (checks/*.cpp) word a story as a finding.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/Lattice.h"
#include "report/Events.h"

#include "aliasguard/Analysis.h"
#include "aliasguard/ApiModel.h"
#include "aliasguard/Checks.h"

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"

#include <optional>
#include <string>
#include <vector>

namespace aliasguard {

/// The event that made two handles share storage, for messages and notes.
struct AliasEvent {
  ProvKind Kind = ProvKind::Origin;
  clang::SourceLocation Loc;              ///< where to point: the copy / view call
  std::string Holder;                     ///< handle that received the alias
  std::string Source;                     ///< handle it came from ("" if unknown)
  std::string Op;                         ///< view op or callee name
  const clang::Expr *FixSource = nullptr; ///< `a` in `b = a`: where `.clone()` goes
  const TypeModel *SourceType = nullptr;
  clang::SourceLocation CalleeReturnLoc; ///< for ReturnsParam*: the callee's return
  bool OfElement = false;                ///< Source is a container; FixSource the element copied
};

/// One proven story: Writer writes the storage, then Reader (another handle
/// that did not write) reads it; or a parameter is written.
struct Story {
  enum class Kind : unsigned char { StaleRead, ParamWrite, MayCopyWrite };
  Kind StoryKind = Kind::StaleRead;
  CheckKind Check = CheckKind::ViewMutation; ///< set by classify()
  const clang::FunctionDecl *Function = nullptr;
  const clang::Expr *WriteExpr = nullptr;
  clang::SourceLocation WriteLoc;
  std::string Writer; ///< "" when writing through an unnamed temporary
  std::string WriteOp;
  clang::SourceLocation ReadLoc;
  std::string Reader;
  /// `a1 = a; a.sub_(b); a = a1; read a`: Reader (a1) is stale and was
  /// copied into StaleCopy (a) at StaleCopyLoc; StaleCopy is what is read.
  std::string StaleCopy;
  clang::SourceLocation StaleCopyLoc;
  AliasEvent Alias;
  // param-mutation: the parameter written. In a caller's story (Callee set),
  // the callee's parameter; the warning is at the call (WriteLoc), the note
  // at the callee's write.
  const clang::ParmVarDecl *Param = nullptr;
  const clang::FunctionDecl *Callee = nullptr;
  clang::SourceLocation CalleeWriteLoc;
  /// The written storage reached the parameter through a may-view
  /// (`reshape`, `to`, ...): the write changes the caller's tensor only
  /// sometimes.
  bool MayAlias = false;
  /// The function is a dataset transform the library calls with the
  /// dataset's stored examples (isDatasetTransformMethod).
  bool DatasetTransform = false;
  /// The write is an optimizer's step (RawEvent::OptimizerWrite); the
  /// reader holds a parameter through ReaderAlias (`auto best =
  /// model->weight;`).
  bool OptimizerStep = false;
  AliasEvent ReaderAlias;
  /// The write changed only the shape of a TensorImpl that Reader shares as
  /// a copy of the handle (`squeeze_`: Candidate::MetadataOnly).
  bool MetadataOnly = false;
  /// The write is a call that writes the raw buffer Writer through a
  /// pointer into it (`memcpy(buf, ...)`); Reader views the buffer.
  bool BufferCall = false;
  // inplace-read-later on `auto y = x.mul_(2)`: the new name and the call.
  std::string BoundName;
  clang::SourceLocation BoundLoc;
  const clang::CXXMemberCallExpr *InplaceCall = nullptr;
  // lost-write (a MayCopyWrite): Alias is the may-view; Reader its source,
  // read later at ReadLoc (invalid when only the caller of a reference
  // parameter, Param, wants the write).
  bool ThroughTemporary = false; ///< `x.reshape({-1}).zero_()`
};

/// Explains a function's raw events as stories; a stale read no alias
/// event explains is dropped. \p Facts must be the function's.
std::vector<Story> explain(llvm::ArrayRef<RawEvent> Events, const FunctionFacts &Facts);

/// The check that tells \p S, or none: a parameter written on purpose (a
/// non-const reference, a function named like `scale_`) is no finding.
/// \p HasCaller: whether an analysed function calls the story's function
/// (then its parameter writes are judged at the calls); \p ReportWithoutCaller:
/// AnalysisOptions::ParamMutationWithoutCaller.
std::optional<CheckKind> classify(const Story &S, const ApiModel &Model, bool HasCaller,
                                  bool ReportWithoutCaller);

/// One story, one warning: keeps the stories of enabled checks, each write
/// reported once by its most specific check, an alias (a copy, a view) once
/// per stale reader, a parameter once per function. Sorted as they should
/// be reported first.
std::vector<const Story *> deduplicate(llvm::ArrayRef<Story> Stories, const CheckSet &Enabled,
                                       const clang::SourceManager &SM);

/// clang-tidy's NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/END comments.
class NolintFilter {
public:
  explicit NolintFilter(const clang::SourceManager &SM) : SM(SM) {}
  bool suppresses(clang::SourceLocation Loc, llvm::StringRef Check) const;

private:
  /// The offsets of "NOLINT" in a file, found once: a NOLINTBEGIN region is
  /// decided by the markers above a finding, and rescanning the file for each
  /// finding made many findings in one large file quadratic.
  llvm::ArrayRef<unsigned> markers(clang::FileID FID, llvm::StringRef Buffer) const;

  const clang::SourceManager &SM;
  mutable llvm::DenseMap<clang::FileID, std::vector<unsigned>> Markers;
};

// The formatters, one per story check (checks/<Id>.cpp): a story in words.
#define AG_CHECK(Id, Name, Summary, Description, RuntimeDescription)
#define AG_STORY_CHECK(Id, Name, Summary, Description, RuntimeDescription)                         \
  Finding make##Id(const Story &S, clang::ASTContext &Ctx);
#include "aliasguard/Checks.def"

} // namespace aliasguard
