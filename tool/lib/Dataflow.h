//===- Dataflow.h - storage-flow analysis of one function -------*- C++ -*-===//
//
// Shape (after clang's LifetimeSafety): handles (locals, parameters, fields,
// containers, closures, raw buffers) point to storages; facts are generated
// per CFG element; a forward may-analysis over the CFG runs a worklist to a
// fixpoint; a last replay pass over the fixed in-states emits raw findings,
// which the checks (lib/checks/*.cpp) turn into diagnostics.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "aliasguard/ApiModel.h"
#include "aliasguard/Checks.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>
#include <string>
#include <vector>

namespace aliasguard {

/// How a handle came to share a storage it did not create.
enum class ProvKind : unsigned char {
  Origin,        ///< created it, received it as a parameter, or got it moved in
  Copy,          ///< copy of another handle (`auto b = a;`, `b = a;`)
  ReturnsParam,  ///< result of a function that returns its parameter
  View,          ///< view op (`view`, `operator[]`, `numpy`, `from_numpy`, ...)
  MayView,       ///< op that is a view only sometimes (`reshape`, `to`, ...)
  ReturnsParamView, ///< result of a function that returns a view of its parameter
  Container,     ///< element stored in a container (`v.push_back(t)`)
  Lambda,        ///< captured by copy in a lambda
  InplaceResult, ///< result of an in-place method bound to a name
};

/// The event that made two handles share storage, for messages and notes.
struct AliasEvent {
  ProvKind Kind = ProvKind::Origin;
  clang::SourceLocation Loc;        ///< where to point: the copy / view call
  std::string Holder;               ///< handle that received the alias
  std::string Source;               ///< handle it came from ("" if unknown)
  std::string Op;                   ///< view op or callee name
  const clang::Expr *FixSource = nullptr; ///< `a` in `b = a`: where `.clone()` goes
  const TypeModel *SourceType = nullptr;
  clang::SourceLocation CalleeReturnLoc; ///< for ReturnsParam*: the callee's return
};

/// One proven story: Writer writes the storage, then Reader (another handle
/// that did not write) reads it; or a parameter is written.
struct RawFinding {
  CheckKind Check;
  const clang::Expr *WriteExpr = nullptr;
  clang::SourceLocation WriteLoc;
  std::string Writer; ///< "" when writing through an unnamed temporary
  std::string WriteOp;
  clang::SourceLocation ReadLoc;
  std::string Reader;
  AliasEvent Alias;
  // param-mutation
  const clang::ParmVarDecl *Param = nullptr;
  // inplace-read-later on `auto y = x.mul_(2)`: the new name and the call.
  std::string BoundName;
  clang::SourceLocation BoundLoc;
  const clang::CXXMemberCallExpr *InplaceCall = nullptr;
};

enum class ReturnKind : unsigned char { None, Same, View };

/// What callers need to know about a function: which tensor parameters it
/// writes and which it returns (as is, or a view of).
struct FunctionSummary {
  llvm::SmallVector<bool, 4> WritesParam;
  llvm::SmallVector<ReturnKind, 4> Returns;
  llvm::SmallVector<clang::SourceLocation, 4> ReturnLocs;
};

class SummaryCache {
public:
  SummaryCache(clang::ASTContext &Ctx, const ApiModel &Model) : Ctx(Ctx), Model(Model) {}
  /// Null for functions without a body in the TU, in system headers, or
  /// currently being summarised (recursion). The summary stays valid, at the
  /// same address, for the cache's lifetime.
  const FunctionSummary *get(const clang::FunctionDecl *FD);
  void store(const clang::FunctionDecl *FD, FunctionSummary S);

private:
  clang::ASTContext &Ctx;
  const ApiModel &Model;
  // Boxed: a caller holds a summary while evaluating its arguments, which can
  // summarise more functions and grow (rehash) the map.
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionSummary>> Done;
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;
};

/// Analyses \p FD; fills \p Findings when non-null; returns its summary.
FunctionSummary analyzeFunction(const clang::FunctionDecl &FD, clang::ASTContext &Ctx,
                                const ApiModel &Model, SummaryCache &Summaries,
                                std::vector<RawFinding> *Findings);

// The checks: each turns its raw findings into a user-facing finding.
struct Finding;
#define AG_CHECK(Id, Name, Summary, Description, RuntimeDescription)                     \
  Finding make##Id(const RawFinding &F, clang::ASTContext &Ctx);
#include "aliasguard/Checks.def"

} // namespace aliasguard
