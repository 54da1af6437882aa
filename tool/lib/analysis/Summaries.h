//===- analysis/Summaries.h - what callers need to know of callees -*- C++ -*-===//
//
// A function's summary says which of its tensor parameters it writes in
// place and which it returns (as is, or a view of). Summaries are computed
// bottom-up over the translation unit's call graph (clang::CallGraph):
// callees before callers, the members of a recursive cycle together until
// their summaries stop changing.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

#include "aliasguard/ApiModel.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>
#include <vector>

namespace aliasguard {

enum class ReturnKind : unsigned char { None, Same, View };

/// What a function does to one of its tensor inputs.
struct InputEffect {
  bool Written = false;
  ReturnKind Returned = ReturnKind::None;
  clang::SourceLocation ReturnLoc; ///< the first `return` that returns it
  clang::SourceLocation WriteLoc;  ///< the first write of it, for the caller's note
  bool operator==(const InputEffect &) const = default;
};

/// What a lambda's body does to a variable it captures: a call of the
/// closure does it to that variable (by reference) or to the storage the
/// closure's copy of it shares (by copy: a tensor's copy is a handle copy).
struct CaptureEffect {
  /// The enclosing function's variable, or the init-capture's own (`[t = x]`).
  const clang::VarDecl *Var = nullptr;
  bool ByCopy = false;
  bool Written = false;
  bool Read = false;
  clang::SourceLocation WriteLoc; ///< the first write, for the caller's note
  bool operator==(const CaptureEffect &) const = default;
};

/// What a member function (or constructor) does to a tensor field of its
/// object: a call does it to that field of the object it is called on.
struct FieldEffect {
  const clang::FieldDecl *Field = nullptr;
  bool Written = false;
  bool Read = false;
  /// A getter: the result is the field's handle (Same) or a view of it.
  ReturnKind Returned = ReturnKind::None;
  int BoundParam = -1;   ///< `state_ = x;`: the field gets this parameter's storage
  clang::SourceLocation WriteLoc;
  bool operator==(const FieldEffect &) const = default;
};

/// A function returning an aggregate (a pair, tuple or struct) one of whose
/// tensor elements holds a tensor parameter or a view of it
/// (`return {x.narrow(0, 0, 2), x.narrow(0, 2, 2)};`).
struct ElementReturn {
  unsigned Element = 0; ///< the element's index among the return type's tensor elements
  unsigned Param = 0;
  ReturnKind Returned = ReturnKind::None;
  clang::SourceLocation ReturnLoc; ///< the first `return` that returns it so
  bool operator==(const ElementReturn &) const = default;
};

struct FunctionSummary {
  /// By parameter index.
  llvm::SmallVector<InputEffect, 4> Params;
  /// The returned aggregate's elements that hold a parameter's storage.
  llvm::SmallVector<ElementReturn, 2> Elements;
  /// A lambda's call operator: its captures it reads or writes.
  llvm::SmallVector<CaptureEffect, 2> Captures;
  /// A member function: the fields of `*this` it reads, writes, returns or
  /// binds to a parameter.
  llvm::SmallVector<FieldEffect, 2> Fields;
  /// A method of a module class that writes the module's own parameters in
  /// place through `parameters()`/`buffers()` (`for (auto &p : parameters())
  /// p.normal_();`): a call writes every parameter of its module.
  bool OwnParametersWritten = false;
  clang::SourceLocation OwnParametersWriteLoc;
  bool operator==(const FunctionSummary &) const = default;
};

class SummaryMap {
public:
  explicit SummaryMap(clang::ASTContext &Ctx) : Ctx(Ctx) {}

  /// The definition whose summary describes calls of \p FD: one with a body
  /// in the translation unit, outside system headers, not a template
  /// pattern. Null otherwise.
  const clang::FunctionDecl *summarised(const clang::FunctionDecl *FD) const;
  /// The summary of calls of \p FD; null when it has none (yet).
  const FunctionSummary *lookup(const clang::FunctionDecl *FD) const;
  /// Stores \p S; whether it differs from the summary stored before.
  bool store(const clang::FunctionDecl *Def, FunctionSummary S);

private:
  clang::ASTContext &Ctx;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionSummary>> Done;
};

/// Whether writing \p PD is what \p FD is for, so neither it nor its callers
/// are told: a non-const reference parameter, a function named like
/// `scale_`, a `void` function's by-value parameter.
bool isWritePurpose(const clang::FunctionDecl &FD, const clang::ParmVarDecl &PD,
                    const LibraryModel &Lib);

/// Whether \p FD overrides a method the library calls with a dataset's
/// examples (LibraryModel::DatasetTransformBases / DatasetTransformMethods:
/// a `torch::data::transforms::TensorTransform`'s `operator()`): its tensor
/// parameters hold the dataset's stored tensors, and its callers are in the
/// library, always.
bool isDatasetTransformMethod(const clang::FunctionDecl &FD, const LibraryModel &Lib);

/// A strongly connected component of the call graph.
struct CallCycle {
  llvm::SmallVector<const clang::FunctionDecl *, 1> Functions;
  bool Recursive = false; ///< some member calls itself, directly or not
};

/// The functions a summary is needed for - \p Roots and every function they
/// call, directly or not, that `SummaryMap::summarised` accepts - as the
/// strongly connected components of the call graph, callees first.
/// With \p Called, also collects the functions (canonical declarations) some
/// root calls directly: their callers are analysed, so a write of a
/// parameter is judged at the call sites.
std::vector<CallCycle> bottomUpOrder(llvm::ArrayRef<const clang::FunctionDecl *> Roots,
                                     const SummaryMap &Map,
                                     llvm::DenseSet<const clang::FunctionDecl *> *Called = nullptr);

} // namespace aliasguard
