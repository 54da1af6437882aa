//===- analysis/ViewRange.h - the elements a view op keeps -----*- C++ -*-===//
//
// Which elements of one dimension `select`, `operator[]`, `slice` and
// `narrow` keep, when their arguments say so: constants, or one integer
// expression plus constants (`t[i]`, `t[i + 1]`, `narrow(0, k * n, n)`).
// Used by the dataflow (two views of disjoint parts do not alias) and by
// overlapping-inplace (two views at different offsets overlap).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>

namespace aliasguard {

/// A position along one dimension of a tensor of unknown size n: Base + K
/// (Base an integer expression of the program, or none: the constant K), or
/// n + K (FromEnd, for negative constants).
struct Bound {
  bool FromEnd = false;
  const clang::Expr *Base = nullptr;
  int64_t K = 0;
};

/// The elements [Begin, End) of dimension Dim that a view op keeps.
struct ViewRange {
  int64_t Dim = 0;
  Bound Begin, End;
  bool Index = false; ///< a select: the dimension is dropped
};

/// The range \p Op keeps given its arguments (without the object), when
/// the dimension is a constant, the bounds are comparable and a slice's step
/// is 1.
std::optional<ViewRange> viewRange(llvm::StringRef Op, llvm::ArrayRef<const clang::Expr *> Args,
                                   const clang::ASTContext &Ctx);

/// The range keeps all of its dimension (`slice(0)`, `slice(1, 0)`).
bool wholeDimension(const ViewRange &R);

/// Two ranges of one dimension share no element (for a tensor large enough
/// that constant bounds from the start and from the end do not cross).
bool disjointRanges(const ViewRange &A, const ViewRange &B, const clang::ASTContext &Ctx);

/// Two ranges of one dimension share elements at different offsets.
bool overlapElsewhere(const ViewRange &A, const ViewRange &B, const clang::ASTContext &Ctx);

} // namespace aliasguard
