//===- checks/Syntactic.h - checks whose story is one expression -*- C++ -*-===//
//
// Some findings need no dataflow: the statement or the call is the whole
// story (`x.clamp(0, 1);` throws its result away; `a.sub_(a[0])` reads what
// it writes). These checks look at one function's AST directly, as a
// clang-tidy matcher would, and word their findings themselves; the driver
// (Analysis.cpp) runs them on every function it reports on, after the
// stories, and NOLINT applies to them as to every finding.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "aliasguard/Analysis.h"
#include "aliasguard/ApiModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

#include <vector>

namespace aliasguard {

/// aliasguard-discarded-result: a functional tensor op used as a statement.
void findDiscardedResults(const clang::FunctionDecl &FD, clang::ASTContext &Ctx,
                          const ApiModel &Model, std::vector<Finding> &Out);

/// aliasguard-overlapping-inplace: an in-place op whose operand overlaps
/// its destination at another offset, or that writes an expanded tensor.
void findOverlappingInplace(const clang::FunctionDecl &FD, clang::ASTContext &Ctx,
                            const ApiModel &Model, std::vector<Finding> &Out);

/// aliasguard-dangling-from-blob: a from_blob tensor that outlives its
/// local buffer, or whose vector may reallocate under it.
void findDanglingFromBlobs(const clang::FunctionDecl &FD, clang::ASTContext &Ctx,
                           const ApiModel &Model, std::vector<Finding> &Out);

} // namespace aliasguard
